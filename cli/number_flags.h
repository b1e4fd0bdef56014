// Checks for the genai command's numeric flags. CLI11's own Range lets NaN
// through (every comparison with it is false, so `--temperature nan` was
// dropped without a word) and words its refusal with a 300-digit bound
// (`--max-tokens -1`: "not in range 0.000000 to 1797693...").
// These refuse anything but a finite number in the flag's range, in a short
// sentence that never echoes control bytes back to the terminal.
//
//   cmd->add_option("--temperature", t, "...")->check(number_in(0, 2));
//   cmd->add_option("--max-tokens", n, "...")->transform(whole_number_in(1, kIntMax));
//   // genai: error: --max-tokens: must be a whole number, at least 1 (not -1)
#ifndef GENAI_CLI_NUMBER_FLAGS_H_
#define GENAI_CLI_NUMBER_FLAGS_H_

#include <CLI/CLI.hpp>

#include <climits>

namespace genai::cli {

inline constexpr long long kIntMax = INT_MAX;

// A finite decimal number from `lo` to `hi` (inclusive).
CLI::Validator number_in(double lo, double hi);

// A whole decimal number from `lo` to `hi` (inclusive), at most kIntMax (the
// flags are ints). The value is handed on rewritten in plain decimal, as
// CLI11's conversion would read "010" as octal 8: add it with transform(),
// since check() discards a validator's rewrite.
CLI::Validator whole_number_in(long long lo, long long hi);

}  // namespace genai::cli

#endif  // GENAI_CLI_NUMBER_FLAGS_H_
