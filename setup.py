"""The package's one compiled module; everything else about the package is in pyproject.toml.

``name_kernel.pyx`` holds the bulk engine's name weighing (``bulk_names.py`` says why it is
compiled). Floating-point contraction is off: a fused multiply-add would round differently
from the Python scorer that the kernel must equal to the last bit.
"""

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [
            Extension(
                "corridor.domain.screening.name_kernel",
                ["src/corridor/domain/screening/name_kernel.pyx"],
                extra_compile_args=["-O2", "-ffp-contract=off"],
            )
        ],
        quiet=True,
    )
)
