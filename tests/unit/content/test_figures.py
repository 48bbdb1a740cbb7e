"""The bank's figures: the length cue, coverage counts, and the repeat measure."""

from __future__ import annotations

from awstui.content.figures import (
    REPEAT_THRESHOLD,
    bank_figures,
    right_option_longest,
    right_option_shortest,
    similar_pairs,
)
from awstui.content.models import TASKS, ExamQuestion


def q(qid, options, answer, stem="Which?", domain=1, tasks=("1.1",), services=("lambda",)):
    return ExamQuestion(qid, domain, tuple(services), stem, tuple(options), tuple(answer), tasks=tuple(tasks))


def test_longest_is_strict_and_covers_every_right_option():
    assert right_option_longest(q("a", ["xx", "yyyy", "z", "w"], ["b"]))
    assert not right_option_longest(q("b", ["xxxx", "yyyy", "z", "w"], ["b"]))  # a tie is no cue
    assert not right_option_longest(q("c", ["xxxxx", "yyyy", "z", "w"], ["b"]))
    assert right_option_longest(q("d", ["xxxx", "yyyy", "z", "w", "v"], ["a", "b"], "Pick (Choose two.)"))
    assert not right_option_longest(q("e", ["xxxx", "y", "zz", "w", "v"], ["a", "b"], "Pick (Choose two.)"))


def test_shortest_is_strict_too():
    assert right_option_shortest(q("a", ["xx", "y", "zzz", "ww"], ["b"]))
    assert not right_option_shortest(q("b", ["x", "y", "zzz", "ww"], ["b"]))
    assert right_option_shortest(q("c", ["x", "y", "zzz", "ww", "vv"], ["a", "b"], "Pick (Choose two.)"))


def test_figures_count_domains_tasks_services_shapes_and_positions():
    qs = [
        q("1", ["a", "bb", "c", "d"], ["b"], tasks=("1.2",), services=("lambda", "sqs")),
        q("2", ["aa", "b", "c", "d"], ["c"], domain=2, tasks=("2.1",), services=("iam",)),
        q("3", ["a", "b", "c", "d", "e", "f"], ["a", "b", "c"], "Pick (Choose three.)", tasks=()),
    ]
    f = bank_figures(qs)
    assert (f.total, f.single, f.multi, f.choose_three, f.untagged) == (3, 2, 1, 1, 1)
    assert f.by_domain == {1: 2, 2: 1}
    assert list(f.by_task) == list(TASKS) and f.by_task["1.2"] == 1 and f.by_task["2.1"] == 1 and f.by_task["4.3"] == 0
    assert f.by_service == {"lambda": 2, "sqs": 1, "iam": 1}
    assert (f.single_longest, f.single_longest_share, f.multi_longest) == (1, 0.5, 0)
    assert (f.single_shortest, f.single_shortest_share) == (0, 0.0)  # "a" ties with "c" and "d"
    assert f.positions == {"b": 1, "c": 1}
    assert abs(f.multi_share - 1 / 3) < 1e-9


STEM = (
    "A Lambda function consumes an SQS queue with a batch size of ten. One malformed message makes the whole "
    "batch return to the queue, so messages that already succeeded are processed again. How can this stop?"
)
RIGHT = "Turn on ReportBatchItemFailures and return the IDs of the failed messages in batchItemFailures."
OTHER = [
    "Lower the batch size of the event source mapping to one message.",
    "Raise the visibility timeout of the queue to twelve hours.",
    "Set a redrive policy with a maxReceiveCount of one.",
]
FILLER = [
    ("Cognito user pool hosted UI sign-in for a mobile app with social identity providers.", "Use a user pool"),
    ("KMS envelope encryption of large files with data keys generated per object.", "Call GenerateDataKey"),
    ("CodeDeploy blue/green deployment of an ECS service behind a load balancer.", "Use ECS blue/green"),
    ("DynamoDB hot partition on a low-cardinality partition key during sales.", "Add a random suffix"),
]


def bank(*extra):
    qs = [q(f"f{i}", [a, "x", "y", "z"], ["a"], stem) for i, (stem, a) in enumerate(FILLER)]
    return [*qs, *extra]


def test_a_paraphrase_with_the_same_answer_is_a_repeat():
    original = q("d1-001", [RIGHT, *OTHER], ["a"], STEM)
    paraphrase = q(
        "d4-009",
        [*OTHER, "Enable ReportBatchItemFailures and return only failed message IDs in batchItemFailures."],
        ["d"],
        "An SQS queue feeds a Lambda function in batches of ten; when one message is malformed the whole batch is "
        "retried and messages that succeeded are processed again. What stops the reprocessing?",
    )
    pairs = similar_pairs(bank(original, paraphrase))
    assert [(a, b) for a, b, _ in pairs] == [("d1-001", "d4-009")]
    assert pairs[0][2] >= REPEAT_THRESHOLD


def test_the_same_scenario_with_another_answer_is_not_a_repeat():
    original = q("d1-001", [RIGHT, *OTHER], ["a"], STEM)
    other_answer = q("d4-009", [RIGHT, *OTHER], ["b"], STEM.replace("How can this stop?", "What reduces retries?"))
    assert similar_pairs(bank(original, other_answer)) == []
    assert bank_figures(bank(original, other_answer)).repeats == ()
