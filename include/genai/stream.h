// genai::Stream<T>: a move-only input range of Result<T>, as
// google-cloud-cpp's StreamRange. Items are produced on demand (a streamed
// response is read from the network as you iterate, never buffered to the
// end). An error is delivered as the last item and ends the range.
//
//   auto stream = client.models().generate_content_stream(model, "Tell me a story");
//   for (const genai::Result<genai::GenerateContentResponse>& chunk : stream) {
//     if (!chunk) { std::cerr << chunk.error().to_string(); break; }
//     std::cout << chunk->text() << std::flush;
//     if (auto block = chunk->blocked()) std::cerr << block->explanation();  // first or last chunk
//   }
//
// cancel() may be called from any thread; the range then ends with a
// kCancelled error promptly.
#ifndef GENAI_STREAM_H_
#define GENAI_STREAM_H_

#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>

#include "genai/result.h"

namespace genai {

template <typename T>
class Stream {
 public:
  // Returns the next item, or nullopt at the end. Called only until it returns
  // nullopt or an error.
  using Reader = std::function<std::optional<Result<T>>()>;
  using Canceller = std::function<void()>;

  Stream() = default;
  explicit Stream(Reader reader, Canceller cancel = {})
      : state_(std::make_shared<State>(State{std::move(reader), std::move(cancel)})) {}
  // A stream that fails before producing anything.
  static Stream failed(Error error) {
    auto pending = std::make_shared<std::optional<Result<T>>>(Result<T>(std::move(error)));
    return Stream([pending]() {
      auto out = std::move(*pending);
      pending->reset();
      return out;
    });
  }

  Stream(Stream&&) noexcept = default;
  Stream& operator=(Stream&&) noexcept = default;
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  // The next item, or nullopt once the stream has ended.
  std::optional<Result<T>> next() {
    if (!state_ || state_->done) return std::nullopt;
    std::optional<Result<T>> item = state_->reader();
    if (!item || !item->ok()) state_->done = true;
    return item;
  }

  // Thread-safe.
  void cancel() {
    if (state_ && state_->cancel) state_->cancel();
  }

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Result<T>;
    using difference_type = std::ptrdiff_t;
    using pointer = Result<T>*;
    using reference = Result<T>&;

    iterator() = default;
    explicit iterator(Stream* s) : stream_(s) { advance(); }
    reference operator*() { return *current_; }
    pointer operator->() { return &*current_; }
    iterator& operator++() {
      advance();
      return *this;
    }
    void operator++(int) { advance(); }
    friend bool operator==(const iterator& a, const iterator& b) { return a.stream_ == b.stream_; }

   private:
    void advance() {
      current_ = stream_->next();
      if (!current_) stream_ = nullptr;
    }
    Stream* stream_ = nullptr;
    std::optional<Result<T>> current_;
  };

  iterator begin() { return iterator(this); }
  iterator end() { return iterator(); }

 private:
  struct State {
    Reader reader;
    Canceller cancel;
    bool done = false;
  };
  std::shared_ptr<State> state_;
};

}  // namespace genai

#endif  // GENAI_STREAM_H_
