"""Optional compiled helpers of the generator, built by `make install` when a C compiler is present."""
