"""The bundled exam bank (issue 11, bank v2): the whole DVA-C02 scope, weighted like the exam,
tagged by task statement, without answer cues or repeats. These figures are the bank's
contract: the bank cannot drift below them."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from awstui.content import DOMAINS, load_library
from awstui.content.figures import (
    CARRYING_SERVICES,
    IN_SCOPE_SERVICES,
    RETIRED_SERVICES,
    bank_figures,
    similar_pairs,
)
from awstui.content.models import TASKS, stated_choose_count, task_domain
from awstui.paths import bundled_content_dir

# Pairs the repeat measure flags that a reviewer read and found distinct (another skill or another
# answer), with the reason. A new flagged pair fails the test until it is reviewed: made distinct,
# dropped, or added here with its reason.
REVIEWED_DISTINCT: dict[frozenset[str], str] = {
    frozenset(
        ("d1-004", "d1-131")
    ): "both VPC Lambda, but d1-004 reaches a public internet API (NAT gateway + route) and d1-131 reaches DynamoDB without NAT (gateway endpoint)",
    frozenset(
        ("d1-005", "d3-154")
    ): "both Lambda layers, but d1-005 is choosing a layer for shared code and d3-154 is the python/ directory layout fixing ModuleNotFoundError",
    frozenset(
        ("d1-009", "d4-019")
    ): "both Kinesis ProvisionedThroughputExceeded with retry of failed records, but d1-009's fix is a high-cardinality partition key (hot shard) and d4-019's is more shards (stream over capacity)",
    frozenset(
        ("d1-033", "d4-015")
    ): "both API Gateway -> Lambda alias, but d1-033 is stage variables per stage and d4-015 is an unqualified integration ARN bypassing the alias's provisioned concurrency",
    frozenset(
        ("d1-131", "d2-022")
    ): "both VPC Lambda without NAT, but DynamoDB needs a gateway endpoint + route tables while Secrets Manager needs an interface endpoint",
    frozenset(
        ("d1-131", "d2-032")
    ): "both gateway endpoints, but different service (DynamoDB vs S3) and d2-032's second answer is the aws:SourceVpce bucket policy",
    frozenset(
        ("d1-131", "d4-133")
    ): "both private subnets without NAT, but d4-133 is ECR image pulls (ecr.api + ecr.dkr interface endpoints + S3 gateway), not a DynamoDB gateway endpoint",
    frozenset(
        ("d1-140", "d1-195")
    ): "both SPA CORS errors, but d1-140 is API Gateway (OPTIONS method + header from the proxy Lambda) and d1-195 is the function URL's own CORS settings",
    frozenset(
        ("d1-144", "d3-030")
    ): "both Lambda prod alias, but d1-144 is publishing a version to pick up a config change and d3-030 is weighted alias routing (additional version weight) for a canary",
    frozenset(
        ("d1-150", "d1-180")
    ): "both EventBridge classic buses, but one is cross-account delivery (bus policy + rule to the other bus), the other archive and replay",
    frozenset(
        ("d1-151", "d1-204")
    ): "same 'keep failed deliveries' pattern but different service and setting: SNS subscription redrive policy vs EventBridge rule target DLQ",
    frozenset(
        ("d1-200", "d1-208")
    ): "both SNS delivery permissions, but d1-200 is same-account SNS->Lambda (lambda subscription + resource policy) and d1-208 is cross-account SNS->SQS (topic and queue policies)",
    frozenset(
        ("d1-205", "d4-148")
    ): "both ElastiCache primary/reader endpoints, but d4-148 is read-your-own-writes under replication lag (read from the primary after a save), not offloading reads to replicas",
    frozenset(
        ("d1-209", "d2-172")
    ): "both SSE-KMS on SQS, but d1-209 is SNS delivery failing with aws/sqs (CMK + key policy for sns.amazonaws.com) and d2-172 is SSE-KMS with a CMK plus an aws:SecureTransport deny",
    frozenset(
        ("d2-003", "d2-128")
    ): "both KMS Decrypt AccessDenied, but d2-128 is a same-account key policy that does not enable IAM policies and d2-003 is cross-account (key policy in A plus IAM policy in B)",
    frozenset(
        ("d2-003", "d2-133")
    ): "both cross-account decrypt, but d2-133 is Secrets Manager (aws/secretsmanager cannot be shared, plus a secret resource policy; three actions), d2-003 is plain KMS Decrypt on a CMK",
    frozenset(
        ("d2-003", "d2-144")
    ): "both cross-account KMS decrypt, but d2-144's point is that the AWS managed key aws/s3 cannot be shared (switch to a customer managed key), d2-003 is key policy + IAM policy on a CMK",
    frozenset(
        ("d2-005", "d2-142")
    ): "both SSE-KMS with a specific key, but d2-142 enforces it with a bucket-policy Deny on the kms-key-id condition key and d2-005 asks which PutObject headers to send",
    frozenset(
        ("d2-012", "d2-181")
    ): "both Cognito user pool authorizers, but d2-181 is that scoped methods need the access token and an allowed custom scope, d2-012 is choosing the COGNITO_USER_POOLS authorizer",
    frozenset(
        ("d2-022", "d4-133")
    ): "both private subnets without NAT, but d4-133 is the ECR image-pull endpoint set (ecr.api, ecr.dkr, S3 gateway), not a Secrets Manager interface endpoint",
    frozenset(
        ("d2-024", "d2-175")
    ): "both SecureString permissions, but d2-175 is write-only (ssm:PutParameter + kms:Encrypt) and d2-024 is read (ssm:GetParameter + kms:Decrypt)",
    frozenset(
        ("d2-106", "d2-177")
    ): "both MFA with the CLI, but d2-106 is sts get-session-token for an MFA-conditioned user policy and d2-177 is a role profile with role_arn/source_profile/mfa_serial",
    frozenset(
        ("d2-123", "d2-159")
    ): "both multi-tenant isolation, but d2-123 is KMS encryption context (+ key-policy condition) and d2-159 is an STS session policy on AssumeRole",
    frozenset(
        ("d3-009", "d3-151")
    ): "same fast-iteration-to-dev-stack need, but different tool and answer: CDK app (cdk watch with hotswap) vs SAM app (sam sync --watch)",
    frozenset(
        ("d3-025", "d3-165")
    ): "both CodePipeline ECS deploy artifacts, but d3-165 is the Blue/Green action (taskdef.json, appspec.yaml, imageDetail.json) and d3-025 is the standard action's imagedefinitions.json",
    frozenset(
        ("d3-030", "d3-133")
    ): "both Lambda aliases, but publishing a version to carry a configuration change vs weighted alias traffic shifting",
    frozenset(
        ("d3-101", "d3-152")
    ): "both CDK bootstrap, but d3-101 is a missing bootstrap in a new account/Region and d3-152 is a self-mutating CDK Pipelines cross-account setup with --trust",
    frozenset(
        ("d3-108", "d3-178")
    ): "both sam local with a local table, but d3-108 is overriding an env var with --env-vars and d3-178 is --docker-network plus an endpoint-URL override to reach DynamoDB local",
    frozenset(
        ("d3-129", "d3-175")
    ): "both REST API stage deployments, but d3-129 is a stage canary with promotion and d3-175 is that console changes need a new deployment",
    frozenset(
        ("d3-134", "d3-136")
    ): "both blue/green keeping the original for an hour, but d3-134 is ECS canary deployment config (ECSCanary10Percent15Minutes) and d3-136 is EC2 in-place to blue/green with a copied Auto Scaling group",
    frozenset(
        ("d3-148", "d3-178")
    ): "both local SAM testing, but d3-148 is sam local start-lambda as an Invoke endpoint for SDK tests and d3-178 is --docker-network to reach DynamoDB local",
    frozenset(
        ("d4-017", "d4-142")
    ): "both X-Ray annotations in Lambda, but d4-142 is that the Lambda-created segment is not writable (use a subsegment) and d4-017 is annotation vs metadata for filter expressions",
    frozenset(
        ("d4-104", "d4-140")
    ): "both use the customer_tier annotation, but d4-104 is an X-Ray group with its CloudWatch metric for an alarm and d4-140 is a console filter-expression search for slow traces",
    frozenset(
        ("d4-123", "d4-147")
    ): "both CloudFront cache keys, but query strings (keep only lang) vs the User-Agent header (CloudFront-Is-Mobile-Viewer)",
    frozenset(
        ("d4-148", "d4-007")
    ): "both ElastiCache replicas, but d4-148 is stale read-after-write from replica lag (read own writes from the primary) and d4-007 is an overloaded primary with idle replicas (send reads to the reader endpoint)",
}


@pytest.fixture(scope="module")
def bank():
    lib = load_library([bundled_content_dir()])
    assert lib.problems == ()
    return lib


@pytest.fixture(scope="module")
def figures(bank):
    return bank_figures(bank.exam, repeats=False)


def test_at_least_400_questions_each_its_own(bank):
    assert len(bank.exam) >= 400
    assert len({q.id for q in bank.exam}) == len(bank.exam)
    assert len({q.stem for q in bank.exam}) == len(bank.exam)


def test_domains_weighted_like_the_exam_within_two_points(figures):
    assert set(figures.by_domain) == {1, 2, 3, 4}
    for domain, (_, weight) in DOMAINS.items():
        share = figures.by_domain[domain] / figures.total
        assert abs(share - weight) <= 0.02, (domain, round(share, 3), weight)


def test_multiple_response_share_and_some_choose_three(figures):
    assert 0.20 <= figures.multi_share <= 0.35, figures.multi_share
    assert figures.choose_three >= 5


def test_every_question_tagged_with_its_domains_task_statements(bank, figures):
    assert figures.untagged == 0
    for q in bank.exam:
        assert any(task_domain(t) == q.domain for t in q.tasks), q.id


def test_every_task_statement_has_15_questions(figures):
    assert set(figures.by_task) == set(TASKS)
    thin = {t: n for t, n in figures.by_task.items() if n < 15}
    assert thin == {}


def test_every_in_scope_service_has_3_questions_and_the_carrying_ones_12(figures):
    counts = figures.by_service
    assert {s: counts.get(s, 0) for s in IN_SCOPE_SERVICES if counts.get(s, 0) < 3} == {}
    assert {s: counts.get(s, 0) for s in CARRYING_SERVICES if counts.get(s, 0) < 12} == {}


def test_every_tagged_service_is_in_the_tree_and_in_scope(bank):
    tree = {s.id for s in bank.services}
    tagged = {s for q in bank.exam for s in q.services}
    assert tagged - tree == set()
    assert tagged - IN_SCOPE_SERVICES == set()


def test_no_question_is_about_a_retired_service(bank):
    for q in bank.exam:
        assert not set(q.services) & RETIRED_SERVICES, q.id
    words = re.compile(r"\b(CodeStar|Cloud9|OpsWorks|Data Pipeline|CodeGuru|Copilot|CodeCommit)\b")
    about = [q.id for q in bank.exam if words.search(q.stem) or any(words.search(o) for o in q.options)]
    assert about == []


def test_no_length_cue(figures):
    assert figures.single_longest_share <= 0.30, figures.single_longest_share
    assert figures.single_shortest_share <= 0.30, figures.single_shortest_share
    assert figures.multi_longest_share <= 0.15, figures.multi_longest_share


def test_right_answers_spread_over_the_positions(figures):
    for key in "abcd":
        assert 0.15 <= figures.positions.get(key, 0) / figures.single <= 0.35, figures.positions


def test_no_all_or_none_of_the_above(bank):
    pattern = re.compile(r"\b(all|none) of the (above|options)\b", re.I)
    assert [q.id for q in bank.exam if any(pattern.search(o) for o in q.options)] == []


def test_no_two_questions_test_the_same_scenario_with_the_same_answer(bank):
    flagged = [(a, b, score) for a, b, score in similar_pairs(bank.exam) if frozenset((a, b)) not in REVIEWED_DISTINCT]
    assert flagged == []


def test_question_shapes(bank):
    for q in bank.exam:
        if q.is_multi:
            assert len(q.options) == len(q.answer) + 3, q.id
            assert stated_choose_count(q.stem) == len(q.answer), q.id
        else:
            assert len(q.options) == 4, q.id
            assert stated_choose_count(q.stem) is None, q.id


def test_every_question_explained_and_referenced(bank):
    for q in bank.exam:
        assert len(q.explanation) >= 150, q.id
        assert q.references and all(r.startswith("https://") for r in q.references), q.id
        assert any(r.startswith("https://docs.aws.amazon.com/") for r in q.references), q.id
        assert q.services, q.id


def test_services_of_the_tree_without_notes_are_still_reachable(bank):
    counts = Counter(s for q in bank.exam for s in q.services)
    assert all(counts[s.id] >= 1 for s in bank.services if s.id in IN_SCOPE_SERVICES)
