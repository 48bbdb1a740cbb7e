-- A schema v1 state database made by awstui 9c7adcb (the release before schema v2) with real data:
-- a ticked question with an answer, a reviewed service with an annotation, a setting, two finished
-- full exams scored by the engine and one in progress. Made by `iterdump`; user_version added.
BEGIN TRANSACTION;
CREATE TABLE attempt (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uid            TEXT NOT NULL UNIQUE,
    mode           TEXT NOT NULL,
    config         TEXT NOT NULL,        -- JSON object
    question_ids   TEXT NOT NULL,        -- JSON list
    option_orders  TEXT NOT NULL,        -- JSON object: qid -> list of original indices
    position       INTEGER NOT NULL DEFAULT 0,
    time_used_s    REAL NOT NULL DEFAULT 0,
    time_allowed_s REAL,
    status         TEXT NOT NULL DEFAULT 'in_progress'
                   CHECK (status IN ('in_progress', 'submitted', 'expired', 'abandoned')),
    result         TEXT,                 -- JSON object once finished
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    updated_at     TEXT NOT NULL
);
INSERT INTO "attempt" VALUES(1,'f56048b862a521281bde0572d6e1bd83','full','{"seed": 1}','["d1-027", "d3-022", "d4-021", "d2-014", "d1-038", "d4-006", "d1-017", "d1-020", "d1-008", "d3-014", "d2-022", "d2-028", "d3-031", "d1-025", "d3-033", "d4-018", "d4-016", "d1-009", "d1-031", "d1-035", "d2-029", "d3-016", "d1-001", "d1-002", "d3-012", "d4-009", "d1-026", "d2-001", "d2-018", "d1-014", "d3-029", "d3-032", "d1-037", "d4-011", "d3-001", "d3-010", "d2-013", "d1-007", "d1-029", "d4-010", "d2-031", "d1-032", "d3-028", "d3-008", "d2-032", "d2-015", "d1-039", "d3-018", "d2-011", "d4-017", "d3-026", "d1-013", "d2-021", "d1-005", "d4-023", "d4-014", "d2-035", "d2-027", "d4-004", "d2-034", "d4-024", "d2-024", "d1-036", "d3-015", "d2-007"]','{}',0,64.0,7800.0,'submitted','{"correct": 7, "total": 65, "percent": 10.76923076923077, "scaled": 192, "passed": false, "per_domain": {"1": [1, 21], "2": [2, 17], "3": [3, 15], "4": [1, 12]}, "per_service": {"api-gateway": [0, 4], "cloudformation": [1, 3], "cloudtrail": [0, 2], "codebuild": [0, 2], "codedeploy": [0, 4], "codepipeline": [1, 1], "codestar": [1, 1], "cognito": [0, 4], "dynamodb": [0, 6], "ec2": [2, 6], "ecs": [0, 2], "elastic-beanstalk": [0, 2], "elasticache": [1, 3], "kinesis": [0, 2], "kms": [1, 3], "lambda": [1, 19], "opsworks": [1, 2], "parameter-store": [0, 2], "rds": [0, 1], "s3": [0, 7], "sam": [0, 1], "sqs": [0, 4], "step-functions": [0, 3], "vpc": [0, 5]}, "time_used_s": 0.0, "outcomes": [{"qid": "d1-027", "kind": "correct", "selected": [1], "answer": [1], "domain": 1, "services": ["elasticache", "ec2"], "flagged": false}, {"qid": "d3-022", "kind": "wrong", "selected": [3], "answer": [0, 4], "domain": 3, "services": ["codedeploy"], "flagged": false}, {"qid": "d4-021", "kind": "wrong", "selected": [2], "answer": [1, 4], "domain": 4, "services": ["sqs"], "flagged": false}, {"qid": "d2-014", "kind": "wrong", "selected": [1], "answer": [2], "domain": 2, "services": ["cognito", "lambda"], "flagged": false}, {"qid": "d1-038", "kind": "wrong", "selected": [2], "answer": [3], "domain": 1, "services": ["step-functions", "s3"], "flagged": false}, {"qid": "d4-006", "kind": "partial", "selected": [2], "answer": [2, 4], "domain": 4, "services": ["rds"], "flagged": false}, {"qid": "d1-017", "kind": "wrong", "selected": [2], "answer": [3], "domain": 1, "services": ["dynamodb"], "flagged": false}, {"qid": "d1-020", "kind": "wrong", "selected": [2], "answer": [1], "domain": 1, "services": ["dynamodb"], "flagged": false}, {"qid": "d1-008", "kind": "wrong", "selected": [0], "answer": [3, 4], "domain": 1, "services": ["lambda", "kinesis"], "flagged": false}, {"qid": "d3-014", "kind": "wrong", "selected": [1], "answer": [0, 3], "domain": 3, "services": ["cloudformation"], "flagged": false}, {"qid": "d2-022", "kind": "wrong", "selected": [3], "answer": [1], "domain": 2, "services": ["lambda", "vpc"], "flagged": false}, {"qid": "d2-028", "kind": "wrong", "selected": [1], "answer": [0, 4], "domain": 2, "services": ["ec2", "dynamodb"], "flagged": false}, {"qid": "d3-031", "kind": "wrong", "selected": [0], "answer": [1, 2], "domain": 3, "services": ["lambda", "api-gateway"], "flagged": false}, {"qid": "d1-025", "kind": "wrong", "selected": [2], "answer": [3], "domain": 1, "services": ["dynamodb"], "flagged": false}, {"qid": "d3-033", "kind": "wrong", "selected": [3], "answer": [0], "domain": 3, "services": ["lambda"], "flagged": false}, {"qid": "d4-018", "kind": "correct", "selected": [2], "answer": [2], "domain": 4, "services": ["lambda"], "flagged": false}, {"qid": "d4-016", "kind": "wrong", "selected": [1], "answer": [3], "domain": 4, "services": ["lambda"], "flagged": false}, {"qid": "d1-009", "kind": "partial", "selected": [3], "answer": [0, 3], "domain": 1, "services": ["kinesis"], "flagged": false}, {"qid": "d1-031", "kind": "wrong", "selected": [0], "answer": [2], "domain": 1, "services": ["s3", "lambda"], "flagged": false}, {"qid": "d1-035", "kind": "wrong", "selected": [0], "answer": [3], "domain": 1, "services": ["api-gateway", "lambda"], "flagged": false}, {"qid": "d2-029", "kind": "wrong", "selected": [0], "answer": [1], "domain": 2, "services": ["ec2"], "flagged": false}, {"qid": "d3-016", "kind": "wrong", "selected": [3], "answer": [2], "domain": 3, "services": ["codebuild"], "flagged": false}, {"qid": "d1-001", "kind": "wrong", "selected": [2], "answer": [1], "domain": 1, "services": ["lambda", "sqs"], "flagged": false}, {"qid": "d1-002", "kind": "wrong", "selected": [0], "answer": [1, 4], "domain": 1, "services": ["lambda"], "flagged": false}, {"qid": "d3-012", "kind": "correct", "selected": [0], "answer": [0], "domain": 3, "services": ["cloudformation"], "flagged": false}, {"qid": "d4-009", "kind": "wrong", "selected": [3], "answer": [1], "domain": 4, "services": ["lambda", "vpc"], "flagged": false}, {"qid": "d1-026", "kind": "wrong", "selected": [1], "answer": [0, 2], "domain": 1, "services": ["elasticache"], "flagged": false}, {"qid": "d2-001", "kind": "correct", "selected": [2], "answer": [2], "domain": 2, "services": ["kms"], "flagged": false}, {"qid": "d2-018", "kind": "wrong", "selected": [3], "answer": [2], "domain": 2, "services": ["api-gateway", "vpc"], "flagged": false}, {"qid": "d1-014", "kind": "partial", "selected": [4], "answer": [1, 4], "domain": 1, "services": ["sqs", "dynamodb"], "flagged": false}, {"qid": "d3-029", "kind": "partial", "selected": [0], "answer": [0, 3], "domain": 3, "services": ["opsworks", "elastic-beanstalk", "codedeploy"], "flagged": false}, {"qid": "d3-032", "kind": "wrong", "selected": [2], "answer": [1, 4], "domain": 3, "services": ["ecs"], "flagged": false}, {"qid": "d1-037", "kind": "partial", "selected": [4], "answer": [3, 4], "domain": 1, "services": ["step-functions"], "flagged": false}, {"qid": "d4-011", "kind": "partial", "selected": [3], "answer": [1, 3], "domain": 4, "services": ["ec2"], "flagged": false}, {"qid": "d3-001", "kind": "wrong", "selected": [3], "answer": [2], "domain": 3, "services": ["elastic-beanstalk"], "flagged": false}, {"qid": "d3-010", "kind": "wrong", "selected": [0], "answer": [3], "domain": 3, "services": ["cloudformation"], "flagged": false}, {"qid": "d2-013", "kind": "partial", "selected": [4], "answer": [1, 3, 4], "domain": 2, "services": ["cognito"], "flagged": false}, {"qid": "d1-007", "kind": "wrong", "selected": [2], "answer": [3], "domain": 1, "services": ["lambda"], "flagged": false}, {"qid": "d1-029", "kind": "wrong", "selected": [3], "answer": [1], "domain": 1, "services": ["s3"], "flagged": false}, {"qid": "d4-010", "kind": "wrong", "selected": [2], "answer": [0], "domain": 4, "services": ["ec2"], "flagged": false}, {"qid": "d2-031", "kind": "wrong", "selected": [2], "answer": [0], "domain": 2, "services": ["vpc"], "flagged": false}, {"qid": "d1-032", "kind": "wrong", "selected": [3], "answer": [0, 4], "domain": 1, "services": ["s3"], "flagged": false}, {"qid": "d3-028", "kind": "correct", "selected": [1], "answer": [1], "domain": 3, "services": ["opsworks"], "flagged": false}, {"qid": "d3-008", "kind": "partial", "selected": [5], "answer": [1, 2, 5], "domain": 3, "services": ["sam", "codedeploy", "lambda"], "flagged": false}, {"qid": "d2-032", "kind": "wrong", "selected": [1], "answer": [2, 4], "domain": 2, "services": ["vpc", "s3"], "flagged": false}, {"qid": "d2-015", "kind": "wrong", "selected": [2], "answer": [0], "domain": 2, "services": ["cognito", "dynamodb"], "flagged": false}, {"qid": "d1-039", "kind": "wrong", "selected": [0], "answer": [2], "domain": 1, "services": ["ecs"], "flagged": false}, {"qid": "d3-018", "kind": "wrong", "selected": [2], "answer": [1], "domain": 3, "services": ["codedeploy"], "flagged": false}, {"qid": "d2-011", "kind": "wrong", "selected": [2], "answer": [0, 4], "domain": 2, "services": ["cognito"], "flagged": false}, {"qid": "d4-017", "kind": "wrong", "selected": [0], "answer": [1], "domain": 4, "services": ["lambda"], "flagged": false}, {"qid": "d3-026", "kind": "correct", "selected": [3], "answer": [3], "domain": 3, "services": ["codestar", "codepipeline"], "flagged": false}, {"qid": "d1-013", "kind": "wrong", "selected": [3], "answer": [2], "domain": 1, "services": ["sqs"], "flagged": false}, {"qid": "d2-021", "kind": "wrong", "selected": [1], "answer": [3], "domain": 2, "services": ["lambda", "parameter-store"], "flagged": false}, {"qid": "d1-005", "kind": "wrong", "selected": [2], "answer": [0], "domain": 1, "services": ["lambda"], "flagged": false}, {"qid": "d4-023", "kind": "wrong", "selected": [3], "answer": [0], "domain": 4, "services": ["elasticache"], "flagged": false}, {"qid": "d4-014", "kind": "wrong", "selected": [3], "answer": [2], "domain": 4, "services": ["lambda"], "flagged": false}, {"qid": "d2-035", "kind": "wrong", "selected": [0], "answer": [2], "domain": 2, "services": ["cloudtrail"], "flagged": false}, {"qid": "d2-027", "kind": "correct", "selected": [2], "answer": [2], "domain": 2, "services": ["ec2"], "flagged": false}, {"qid": "d4-004", "kind": "wrong", "selected": [1], "answer": [0, 4], "domain": 4, "services": ["api-gateway"], "flagged": false}, {"qid": "d2-034", "kind": "wrong", "selected": [2], "answer": [1], "domain": 2, "services": ["cloudtrail", "s3"], "flagged": false}, {"qid": "d4-024", "kind": "wrong", "selected": [3], "answer": [1], "domain": 4, "services": ["lambda"], "flagged": false}, {"qid": "d2-024", "kind": "wrong", "selected": [4], "answer": [1, 3], "domain": 2, "services": ["parameter-store", "kms"], "flagged": false}, {"qid": "d1-036", "kind": "wrong", "selected": [3], "answer": [2], "domain": 1, "services": ["step-functions"], "flagged": false}, {"qid": "d3-015", "kind": "wrong", "selected": [4], "answer": [1, 2], "domain": 3, "services": ["codebuild"], "flagged": false}, {"qid": "d2-007", "kind": "wrong", "selected": [2], "answer": [1], "domain": 2, "services": ["s3", "kms"], "flagged": false}]}','2026-10-01T09:00:49.000000Z','2026-10-01T09:08:31.000000Z','2026-10-01T09:08:31.000000Z');
INSERT INTO "attempt" VALUES(2,'24a5b9bfcbf4596e425a17bed2199589','full','{"seed": 2}','["d1-026", "d4-013", "d1-020", "d3-030", "d4-021", "d1-040", "d1-043", "d2-030", "d2-006", "d4-022", "d4-006", "d1-041", "d1-038", "d1-015", "d3-022", "d2-026", "d2-028", "d1-014", "d1-003", "d4-016", "d3-019", "d1-002", "d1-006", "d1-024", "d2-017", "d1-017", "d1-004", "d3-017", "d3-031", "d3-033", "d2-029", "d1-011", "d2-025", "d3-032", "d4-015", "d1-018", "d3-006", "d2-031", "d2-005", "d3-020", "d2-001", "d4-024", "d2-033", "d3-012", "d1-001", "d2-032", "d1-009", "d3-024", "d1-028", "d3-015", "d1-012", "d1-030", "d3-018", "d2-008", "d4-009", "d4-018", "d2-011", "d3-014", "d2-022", "d2-021", "d2-018", "d4-020", "d4-017", "d4-008", "d3-026"]','{}',0,63.0,7800.0,'submitted','{"correct": 3, "total": 65, "percent": 4.615384615384615, "scaled": 139, "passed": false, "per_domain": {"1": [0, 21], "2": [1, 17], "3": [1, 15], "4": [1, 12]}, "per_service": {"api-gateway": [0, 3], "cloudformation": [0, 3], "cloudtrail": [0, 1], "codebuild": [1, 2], "codedeploy": [0, 4], "codepipeline": [0, 2], "codestar": [0, 1], "cognito": [0, 1], "data-pipeline": [0, 1], "dynamodb": [0, 7], "ec2": [1, 4], "ecs": [0, 4], "elasticache": [0, 2], "kinesis": [0, 2], "kms": [0, 3], "lambda": [0, 19], "parameter-store": [0, 2], "rds": [0, 2], "s3": [0, 7], "sam": [0, 1], "sqs": [0, 7], "step-functions": [0, 1], "vpc": [1, 6]}, "time_used_s": 0.0, "outcomes": [{"qid": "d1-026", "kind": "wrong", "selected": [3], "answer": [0, 2], "domain": 1, "services": ["elasticache"], "flagged": false}, {"qid": "d4-013", "kind": "unanswered", "selected": [], "answer": [3], "domain": 4, "services": ["dynamodb"], "flagged": false}, {"qid": "d1-020", "kind": "unanswered", "selected": [], "answer": [1], "domain": 1, "services": ["dynamodb"], "flagged": false}, {"qid": "d3-030", "kind": "wrong", "selected": [2], "answer": [3], "domain": 3, "services": ["lambda"], "flagged": false}, {"qid": "d4-021", "kind": "unanswered", "selected": [], "answer": [1, 4], "domain": 4, "services": ["sqs"], "flagged": false}, {"qid": "d1-040", "kind": "unanswered", "selected": [], "answer": [2, 3], "domain": 1, "services": ["ecs"], "flagged": false}, {"qid": "d1-043", "kind": "wrong", "selected": [3], "answer": [2, 4], "domain": 1, "services": ["ec2"], "flagged": false}, {"qid": "d2-030", "kind": "unanswered", "selected": [], "answer": [3, 4], "domain": 2, "services": ["ecs"], "flagged": false}, {"qid": "d2-006", "kind": "unanswered", "selected": [], "answer": [3], "domain": 2, "services": ["s3"], "flagged": false}, {"qid": "d4-022", "kind": "wrong", "selected": [2], "answer": [3, 4], "domain": 4, "services": ["sqs", "lambda"], "flagged": false}, {"qid": "d4-006", "kind": "unanswered", "selected": [], "answer": [2, 4], "domain": 4, "services": ["rds"], "flagged": false}, {"qid": "d1-041", "kind": "unanswered", "selected": [], "answer": [1], "domain": 1, "services": ["data-pipeline"], "flagged": false}, {"qid": "d1-038", "kind": "wrong", "selected": [2], "answer": [3], "domain": 1, "services": ["step-functions", "s3"], "flagged": false}, {"qid": "d1-015", "kind": "unanswered", "selected": [], "answer": [3], "domain": 1, "services": ["sqs", "s3"], "flagged": false}, {"qid": "d3-022", "kind": "unanswered", "selected": [], "answer": [0, 4], "domain": 3, "services": ["codedeploy"], "flagged": false}, {"qid": "d2-026", "kind": "wrong", "selected": [0], "answer": [3], "domain": 2, "services": ["ec2"], "flagged": false}, {"qid": "d2-028", "kind": "unanswered", "selected": [], "answer": [0, 4], "domain": 2, "services": ["ec2", "dynamodb"], "flagged": false}, {"qid": "d1-014", "kind": "unanswered", "selected": [], "answer": [1, 4], "domain": 1, "services": ["sqs", "dynamodb"], "flagged": false}, {"qid": "d1-003", "kind": "wrong", "selected": [3], "answer": [1], "domain": 1, "services": ["lambda"], "flagged": false}, {"qid": "d4-016", "kind": "unanswered", "selected": [], "answer": [3], "domain": 4, "services": ["lambda"], "flagged": false}, {"qid": "d3-019", "kind": "unanswered", "selected": [], "answer": [0], "domain": 3, "services": ["codedeploy", "lambda"], "flagged": false}, {"qid": "d1-002", "kind": "wrong", "selected": [0], "answer": [1, 4], "domain": 1, "services": ["lambda"], "flagged": false}, {"qid": "d1-006", "kind": "unanswered", "selected": [], "answer": [0], "domain": 1, "services": ["lambda"], "flagged": false}, {"qid": "d1-024", "kind": "unanswered", "selected": [], "answer": [0], "domain": 1, "services": ["dynamodb"], "flagged": false}, {"qid": "d2-017", "kind": "wrong", "selected": [2], "answer": [1], "domain": 2, "services": ["api-gateway"], "flagged": false}, {"qid": "d1-017", "kind": "unanswered", "selected": [], "answer": [3], "domain": 1, "services": ["dynamodb"], "flagged": false}, {"qid": "d1-004", "kind": "unanswered", "selected": [], "answer": [0, 4], "domain": 1, "services": ["lambda"], "flagged": false}, {"qid": "d3-017", "kind": "correct", "selected": [3], "answer": [3], "domain": 3, "services": ["codebuild"], "flagged": false}, {"qid": "d3-031", "kind": "unanswered", "selected": [], "answer": [1, 2], "domain": 3, "services": ["lambda", "api-gateway"], "flagged": false}, {"qid": "d3-033", "kind": "unanswered", "selected": [], "answer": [0], "domain": 3, "services": ["lambda"], "flagged": false}, {"qid": "d2-029", "kind": "correct", "selected": [1], "answer": [1], "domain": 2, "services": ["ec2"], "flagged": false}, {"qid": "d1-011", "kind": "unanswered", "selected": [], "answer": [2], "domain": 1, "services": ["sqs"], "flagged": false}, {"qid": "d2-025", "kind": "unanswered", "selected": [], "answer": [0], "domain": 2, "services": ["parameter-store", "kms"], "flagged": false}, {"qid": "d3-032", "kind": "wrong", "selected": [0], "answer": [1, 4], "domain": 3, "services": ["ecs"], "flagged": false}, {"qid": "d4-015", "kind": "unanswered", "selected": [], "answer": [0], "domain": 4, "services": ["lambda"], "flagged": false}, {"qid": "d1-018", "kind": "unanswered", "selected": [], "answer": [0], "domain": 1, "services": ["dynamodb"], "flagged": false}, {"qid": "d3-006", "kind": "wrong", "selected": [0], "answer": [2], "domain": 3, "services": ["sam"], "flagged": false}, {"qid": "d2-031", "kind": "unanswered", "selected": [], "answer": [0], "domain": 2, "services": ["vpc"], "flagged": false}, {"qid": "d2-005", "kind": "unanswered", "selected": [], "answer": [2, 4], "domain": 2, "services": ["s3", "kms"], "flagged": false}, {"qid": "d3-020", "kind": "wrong", "selected": [1], "answer": [2], "domain": 3, "services": ["codedeploy", "ecs"], "flagged": false}, {"qid": "d2-001", "kind": "unanswered", "selected": [], "answer": [2], "domain": 2, "services": ["kms"], "flagged": false}, {"qid": "d4-024", "kind": "unanswered", "selected": [], "answer": [1], "domain": 4, "services": ["lambda"], "flagged": false}, {"qid": "d2-033", "kind": "wrong", "selected": [1], "answer": [3], "domain": 2, "services": ["cloudtrail"], "flagged": false}, {"qid": "d3-012", "kind": "unanswered", "selected": [], "answer": [0], "domain": 3, "services": ["cloudformation"], "flagged": false}, {"qid": "d1-001", "kind": "unanswered", "selected": [], "answer": [1], "domain": 1, "services": ["lambda", "sqs"], "flagged": false}, {"qid": "d2-032", "kind": "partial", "selected": [4], "answer": [2, 4], "domain": 2, "services": ["vpc", "s3"], "flagged": false}, {"qid": "d1-009", "kind": "unanswered", "selected": [], "answer": [0, 3], "domain": 1, "services": ["kinesis"], "flagged": false}, {"qid": "d3-024", "kind": "unanswered", "selected": [], "answer": [1, 4], "domain": 3, "services": ["codepipeline", "cloudformation"], "flagged": false}, {"qid": "d1-028", "kind": "wrong", "selected": [0], "answer": [2], "domain": 1, "services": ["elasticache", "rds"], "flagged": false}, {"qid": "d3-015", "kind": "unanswered", "selected": [], "answer": [1, 2], "domain": 3, "services": ["codebuild"], "flagged": false}, {"qid": "d1-012", "kind": "unanswered", "selected": [], "answer": [2], "domain": 1, "services": ["sqs", "lambda"], "flagged": false}, {"qid": "d1-030", "kind": "wrong", "selected": [0], "answer": [1, 3], "domain": 1, "services": ["s3"], "flagged": false}, {"qid": "d3-018", "kind": "unanswered", "selected": [], "answer": [1], "domain": 3, "services": ["codedeploy"], "flagged": false}, {"qid": "d2-008", "kind": "unanswered", "selected": [], "answer": [0], "domain": 2, "services": ["s3"], "flagged": false}, {"qid": "d4-009", "kind": "wrong", "selected": [0], "answer": [1], "domain": 4, "services": ["lambda", "vpc"], "flagged": false}, {"qid": "d4-018", "kind": "unanswered", "selected": [], "answer": [2], "domain": 4, "services": ["lambda"], "flagged": false}, {"qid": "d2-011", "kind": "unanswered", "selected": [], "answer": [0, 4], "domain": 2, "services": ["cognito"], "flagged": false}, {"qid": "d3-014", "kind": "wrong", "selected": [2], "answer": [0, 3], "domain": 3, "services": ["cloudformation"], "flagged": false}, {"qid": "d2-022", "kind": "unanswered", "selected": [], "answer": [1], "domain": 2, "services": ["lambda", "vpc"], "flagged": false}, {"qid": "d2-021", "kind": "unanswered", "selected": [], "answer": [3], "domain": 2, "services": ["lambda", "parameter-store"], "flagged": false}, {"qid": "d2-018", "kind": "wrong", "selected": [3], "answer": [2], "domain": 2, "services": ["api-gateway", "vpc"], "flagged": false}, {"qid": "d4-020", "kind": "unanswered", "selected": [], "answer": [3], "domain": 4, "services": ["kinesis"], "flagged": false}, {"qid": "d4-017", "kind": "unanswered", "selected": [], "answer": [1], "domain": 4, "services": ["lambda"], "flagged": false}, {"qid": "d4-008", "kind": "correct", "selected": [2], "answer": [2], "domain": 4, "services": ["vpc"], "flagged": false}, {"qid": "d3-026", "kind": "unanswered", "selected": [], "answer": [3], "domain": 3, "services": ["codestar", "codepipeline"], "flagged": false}]}','2026-10-01T09:08:38.000000Z','2026-10-01T09:11:19.000000Z','2026-10-01T09:11:19.000000Z');
INSERT INTO "attempt" VALUES(3,'c23a6aff39704a2bb1b40505b9891cc8','full','{"seed": 3}','["d1-001", "d1-002"]','{}',0,12.0,7800.0,'in_progress',NULL,'2026-10-01T09:11:26.000000Z',NULL,'2026-10-01T09:11:33.000000Z');
CREATE TABLE attempt_answer (
    attempt_id INTEGER NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
    qid        TEXT NOT NULL,
    selected   TEXT NOT NULL DEFAULT '[]',  -- JSON list of ORIGINAL option indices
    flagged    INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, qid)
);
INSERT INTO "attempt_answer" VALUES(1,'d1-027','[1]',0,'2026-10-01T09:00:56.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-022','[3]',0,'2026-10-01T09:01:03.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d4-021','[2]',0,'2026-10-01T09:01:10.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-014','[1]',0,'2026-10-01T09:01:17.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-038','[2]',0,'2026-10-01T09:01:24.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d4-006','[2]',0,'2026-10-01T09:01:31.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-017','[2]',0,'2026-10-01T09:01:38.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-020','[2]',0,'2026-10-01T09:01:45.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-008','[0]',0,'2026-10-01T09:01:52.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-014','[1]',0,'2026-10-01T09:01:59.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-022','[3]',0,'2026-10-01T09:02:06.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-028','[1]',0,'2026-10-01T09:02:13.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-031','[0]',0,'2026-10-01T09:02:20.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-025','[2]',0,'2026-10-01T09:02:27.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-033','[3]',0,'2026-10-01T09:02:34.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d4-018','[2]',0,'2026-10-01T09:02:41.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d4-016','[1]',0,'2026-10-01T09:02:48.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-009','[3]',0,'2026-10-01T09:02:55.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-031','[0]',0,'2026-10-01T09:03:02.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-035','[0]',0,'2026-10-01T09:03:09.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-029','[0]',0,'2026-10-01T09:03:16.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-016','[3]',0,'2026-10-01T09:03:23.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-001','[2]',0,'2026-10-01T09:03:30.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-002','[0]',0,'2026-10-01T09:03:37.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-012','[0]',0,'2026-10-01T09:03:44.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d4-009','[3]',0,'2026-10-01T09:03:51.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-026','[1]',0,'2026-10-01T09:03:58.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-001','[2]',0,'2026-10-01T09:04:05.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-018','[3]',0,'2026-10-01T09:04:12.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-014','[4]',0,'2026-10-01T09:04:19.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-029','[0]',0,'2026-10-01T09:04:26.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-032','[2]',0,'2026-10-01T09:04:33.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-037','[4]',0,'2026-10-01T09:04:40.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d4-011','[3]',0,'2026-10-01T09:04:47.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-001','[3]',0,'2026-10-01T09:04:54.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-010','[0]',0,'2026-10-01T09:05:01.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-013','[4]',0,'2026-10-01T09:05:08.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-007','[2]',0,'2026-10-01T09:05:15.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-029','[3]',0,'2026-10-01T09:05:22.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d4-010','[2]',0,'2026-10-01T09:05:29.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-031','[2]',0,'2026-10-01T09:05:36.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-032','[3]',0,'2026-10-01T09:05:43.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-028','[1]',0,'2026-10-01T09:05:50.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-008','[5]',0,'2026-10-01T09:05:57.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-032','[1]',0,'2026-10-01T09:06:04.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-015','[2]',0,'2026-10-01T09:06:11.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-039','[0]',0,'2026-10-01T09:06:18.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-018','[2]',0,'2026-10-01T09:06:25.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-011','[2]',0,'2026-10-01T09:06:32.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d4-017','[0]',0,'2026-10-01T09:06:39.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-026','[3]',0,'2026-10-01T09:06:46.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-013','[3]',0,'2026-10-01T09:06:53.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-021','[1]',0,'2026-10-01T09:07:00.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-005','[2]',0,'2026-10-01T09:07:07.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d4-023','[3]',0,'2026-10-01T09:07:14.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d4-014','[3]',0,'2026-10-01T09:07:21.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-035','[0]',0,'2026-10-01T09:07:28.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-027','[2]',0,'2026-10-01T09:07:35.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d4-004','[1]',0,'2026-10-01T09:07:42.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-034','[2]',0,'2026-10-01T09:07:49.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d4-024','[3]',0,'2026-10-01T09:07:56.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-024','[4]',0,'2026-10-01T09:08:03.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d1-036','[3]',0,'2026-10-01T09:08:10.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d3-015','[4]',0,'2026-10-01T09:08:17.000000Z');
INSERT INTO "attempt_answer" VALUES(1,'d2-007','[2]',0,'2026-10-01T09:08:24.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d1-026','[3]',0,'2026-10-01T09:08:45.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d3-030','[2]',0,'2026-10-01T09:08:52.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d1-043','[3]',0,'2026-10-01T09:08:59.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d4-022','[2]',0,'2026-10-01T09:09:06.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d1-038','[2]',0,'2026-10-01T09:09:13.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d2-026','[0]',0,'2026-10-01T09:09:20.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d1-003','[3]',0,'2026-10-01T09:09:27.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d1-002','[0]',0,'2026-10-01T09:09:34.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d2-017','[2]',0,'2026-10-01T09:09:41.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d3-017','[3]',0,'2026-10-01T09:09:48.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d2-029','[1]',0,'2026-10-01T09:09:55.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d3-032','[0]',0,'2026-10-01T09:10:02.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d3-006','[0]',0,'2026-10-01T09:10:09.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d3-020','[1]',0,'2026-10-01T09:10:16.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d2-033','[1]',0,'2026-10-01T09:10:23.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d2-032','[4]',0,'2026-10-01T09:10:30.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d1-028','[0]',0,'2026-10-01T09:10:37.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d1-030','[0]',0,'2026-10-01T09:10:44.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d4-009','[0]',0,'2026-10-01T09:10:51.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d3-014','[2]',0,'2026-10-01T09:10:58.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d2-018','[3]',0,'2026-10-01T09:11:05.000000Z');
INSERT INTO "attempt_answer" VALUES(2,'d4-008','[2]',0,'2026-10-01T09:11:12.000000Z');
INSERT INTO "attempt_answer" VALUES(3,'d1-001','[1]',0,'2026-10-01T09:11:33.000000Z');
CREATE TABLE learner_question (
    qid        TEXT PRIMARY KEY,
    service    TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    deleted_at TEXT                      -- a tombstone, so that an import does not bring it back
);
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO "meta" VALUES('app','awstui');
INSERT INTO "meta" VALUES('schema_updated_at','2026-10-01T09:00:07.000000Z');
CREATE TABLE question_state (
    qid                 TEXT PRIMARY KEY,
    answered            INTEGER NOT NULL DEFAULT 0,
    answered_at         TEXT,            -- when ticked (NULL while not answered)
    answered_changed_at TEXT,            -- when the tick last changed (merge order)
    answer              TEXT NOT NULL DEFAULT '',
    answer_updated_at   TEXT
);
INSERT INTO "question_state" VALUES('vpc-1',1,'2026-10-01T09:00:14.000000Z','2026-10-01T09:00:14.000000Z','Use a VPC endpoint.','2026-10-01T09:00:21.000000Z');
CREATE TABLE service_state (
    sid                   TEXT PRIMARY KEY,
    reviewed              INTEGER NOT NULL DEFAULT 0,
    reviewed_at           TEXT,          -- when marked reviewed (NULL while not reviewed)
    reviewed_changed_at   TEXT,          -- when the mark last changed (merge order)
    review_count          INTEGER NOT NULL DEFAULT 0,
    annotation            TEXT NOT NULL DEFAULT '',
    annotation_updated_at TEXT
);
INSERT INTO "service_state" VALUES('ec2',1,'2026-10-01T09:00:28.000000Z','2026-10-01T09:00:28.000000Z',1,'retries with backoff','2026-10-01T09:00:35.000000Z');
CREATE TABLE setting (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,            -- JSON
    updated_at TEXT NOT NULL
);
INSERT INTO "setting" VALUES('view','"progress"','2026-10-01T09:00:42.000000Z');
CREATE INDEX attempt_status ON attempt (status);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('attempt',3);
COMMIT;
PRAGMA user_version = 1;
