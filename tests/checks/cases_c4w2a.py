"""The registry's entries for the checks of c4w2a: the right solutions and the wrong ones a
learner plausibly writes, with the phrases their messages must contain."""

from course_lib import checks


def conv_multiplications_right(n_H, n_W, n_C_prev, f, n_C):
    return n_H * n_W * n_C * f * f * n_C_prev


CASES = {
    checks.check_conv_multiplications: (
        conv_multiplications_right,
        [
            (
                lambda n_H, n_W, n_C_prev, f, n_C: n_H * n_W * n_C * f * f,
                "input channels are left out",
            ),
            (
                lambda n_H, n_W, n_C_prev, f, n_C: n_H * n_W * n_C * f * n_C_prev,
                "f is used where f·f belongs",
            ),
            (
                lambda n_H, n_W, n_C_prev, f, n_C: n_H * n_W * f * f * n_C_prev,
                "filters are left out",
            ),
            (
                lambda n_H, n_W, n_C_prev, f, n_C: (f * f * n_C_prev + 1) * n_C,
                "the parameters (f·f·n_C_prev + 1)·n_C are counted",
            ),
        ],
    ),
}
