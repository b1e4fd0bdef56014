// genai::Result<T>: a value or a genai::Error, as google-cloud-cpp's StatusOr.
//
//   genai::Result<int> r = parse(...);
//   if (!r) return r.error();       // propagate
//   int v = *r;                     // UB if !r.ok(), like StatusOr
//   int w = r.value();              // throws the typed exception if !r.ok()
//
// Result<void> carries only success or an Error.
#ifndef GENAI_RESULT_H_
#define GENAI_RESULT_H_

#include <functional>
#include <type_traits>
#include <utility>
#include <variant>

#include "genai/error.h"

namespace genai {

template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  // Precondition: !ok().
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

  // Throws the typed exception (see error.h) when !ok().
  T& value() & { check(); return std::get<0>(v_); }
  const T& value() const& { check(); return std::get<0>(v_); }
  T&& value() && { check(); return std::get<0>(std::move(v_)); }

  // Precondition: ok().
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }
  T&& operator*() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<0>(v_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  void check() const {
    if (!ok()) throw_error(std::get<1>(v_));
  }
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }
  void value() const {
    if (!ok_) throw_error(error_);
  }

 private:
  Error error_;
  bool ok_ = true;
};

// What the callback form of an async call takes: it runs exactly once, with
// the call's result, on the client's event-loop thread (or at once, on the
// calling thread, for an error found before sending). It must not block.
template <typename T>
using Callback = std::function<void(Result<T>)>;

}  // namespace genai

#endif  // GENAI_RESULT_H_
