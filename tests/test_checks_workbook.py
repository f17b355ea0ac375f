"""Every check in course_lib.checks is shown to reject a typical wrong implementation somewhere in tests/test_checks*.py,
and the audit's additions (issue 9) reject theirs."""
import ast
import inspect
import re
from pathlib import Path

from test_checks import fails_with  # one helper for every checks test (tests/ is on sys.path)

from course_lib import checks, optimizers

HERE = Path(__file__).parent


def rejection_tested():
    """Names of checks mentioned in a function of tests/test_checks*.py that expects a failure (fails_with, CheckFailed,
    pytest.raises), decorators (parametrize lists) included."""
    names = set()
    for path in HERE.glob("test_checks*.py"):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                segment = "\n".join(ast.get_source_segment(text, part) or "" for part in (*node.decorator_list, node))
                if re.search(r"fails_with|CheckFailed|pytest\.raises", segment):
                    names |= set(re.findall(r"\b(check_\w+)", segment))
    return names


def test_every_check_is_shown_to_reject_a_wrong_implementation():
    public = {name for name, fn in inspect.getmembers(checks, inspect.isfunction)
              if name.startswith("check_") and fn.__module__ == checks.__name__}
    missing = sorted(public - rejection_tested())
    assert not missing, f"no test shows these checks rejecting a wrong implementation: {missing}"


def adam_with_fixed_hyperparameters(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon):
    return optimizers.update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, 0.9, 0.999, 1e-8)


def test_adam_with_the_default_hyperparameters_hard_coded_is_named():
    fails_with(checks.check_update_parameters_with_adam, adam_with_fixed_hyperparameters,
               "fails on t = 3, α = 0.05, β1 = 0.8, β2 = 0.99, ε = 0.01",
               "β1, β2 and ε are fixed at 0.9, 0.999, 1e-8 instead of the arguments beta1, beta2, epsilon")


def test_adam_with_a_hard_coded_epsilon_fails_on_the_last_case():
    def adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon):
        return optimizers.update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, 1e-8)

    fails_with(checks.check_update_parameters_with_adam, adam, "ε = 0.01", 'parameters["W1"] is wrong')


def test_adam_right_answer_passes_all_four_cases(capsys):
    checks.check_update_parameters_with_adam(optimizers.update_parameters_with_adam)
    assert capsys.readouterr().out == "✓ update_parameters_with_adam passes all 4 cases\n"
