// genai::Pager<T>: iterates a list endpoint across pages, following
// nextPageToken, fetching each page only when the previous one is used up.
//
//   for (const genai::Result<genai::Model>& m : client.models().list()) {
//     if (!m) { std::cerr << m.error().to_string(); break; }
//     std::cout << m->name << "\n";
//   }
//
// Or page by page: `while (auto page = pager.next_page()) { ... }`.
//
// Or page by page on the client's event loop, so no thread waits on the
// network (the pagers of the API's list methods; Storage::list's pages are
// fetched on the calling thread):
//
//   auto first = pager.next_page_async().get();      // a future, or:
//   pager.next_page_async([&](std::optional<genai::Result<genai::Page<genai::Model>>> page) {
//     // on the event loop; nullopt after the last page. Ask for the next page from here.
//   });
#ifndef GENAI_PAGER_H_
#define GENAI_PAGER_H_

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "genai/result.h"
#include "genai/stream.h"

namespace genai {

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;  // empty on the last page
};

template <typename T>
class Pager {
 public:
  using Fetch = std::function<Result<Page<T>>(const std::string& page_token)>;
  // The same fetch on the client's event loop: `done` runs once, there (or
  // at once on the calling thread for an error found before sending).
  using FetchAsync =
      std::function<void(const std::string& page_token, std::function<void(Result<Page<T>>)> done)>;
  using PageCallback = std::function<void(std::optional<Result<Page<T>>>)>;

  // Without `fetch_async`, next_page_async() fetches on the calling thread.
  explicit Pager(Fetch fetch, FetchAsync fetch_async = nullptr)
      : fetch_(std::move(fetch)), fetch_async_(std::move(fetch_async)) {}

  // The next whole page; nullopt after the last page (or after an error was returned).
  std::optional<Result<Page<T>>> next_page() {
    if (done_) return std::nullopt;
    if (fetching_) return Result<Page<T>>(busy());
    return took(fetch_(token_));
  }

  // next_page() on the client's event loop: `on_done` runs there with the
  // page, or nullopt after the last one (at once on the calling thread when
  // nothing is left to fetch or the request fails before it is sent). One
  // page at a time: ask for the next from `on_done` or after it ran; while a
  // page is on its way, another request for one gets an error. The pager
  // must outlive the call and stay where it is (not moved) until `on_done`
  // ran. Like a blocking iteration, a Pager is used from one thread at a time.
  void next_page_async(PageCallback on_done) {
    if (done_) return on_done(std::nullopt);
    if (fetching_) return on_done(Result<Page<T>>(busy()));
    if (!fetch_async_) return on_done(took(fetch_(token_)));
    fetching_ = true;
    fetch_async_(token_, [this, on_done = std::move(on_done)](Result<Page<T>> page) {
      fetching_ = false;
      on_done(took(std::move(page)));
    });
  }
  std::future<std::optional<Result<Page<T>>>> next_page_async() {
    auto promise = std::make_shared<std::promise<std::optional<Result<Page<T>>>>>();
    std::future<std::optional<Result<Page<T>>>> page = promise->get_future();
    next_page_async([promise](std::optional<Result<Page<T>>> p) { promise->set_value(std::move(p)); });
    return page;
  }

  // Every item of every page, one at a time.
  std::optional<Result<T>> next() {
    while (index_ >= buffer_.size()) {
      std::optional<Result<Page<T>>> page = next_page();
      if (!page) return std::nullopt;
      if (!page->ok()) return Result<T>(std::move(*page).error());
      buffer_ = std::move(page->value().items);
      index_ = 0;
    }
    return Result<T>(std::move(buffer_[index_++]));
  }

  // Pager as a range of Result<T>.
  typename Stream<T>::iterator begin() {
    stream_ = Stream<T>([this] { return next(); });
    return stream_.begin();
  }
  typename Stream<T>::iterator end() { return stream_.end(); }

 private:
  // Follows the page's token; an error ends the pager.
  std::optional<Result<Page<T>>> took(Result<Page<T>> page) {
    if (!page) {
      done_ = true;
      return page;
    }
    token_ = page->next_page_token;
    done_ = token_.empty();
    return page;
  }
  static Error busy() {
    Error e;
    e.kind = ErrorKind::kInvalidArgument;
    e.message = "this pager is already fetching a page (next_page_async has not answered yet)";
    e.fix = "Ask for the next page from the callback of the previous one, or after its future is ready.";
    return e;
  }

  Fetch fetch_;
  FetchAsync fetch_async_;
  std::string token_;
  bool done_ = false;
  bool fetching_ = false;
  std::vector<T> buffer_;
  size_t index_ = 0;
  Stream<T> stream_;
};

}  // namespace genai

#endif  // GENAI_PAGER_H_
