// genai::Pager<T>: iterates a list endpoint across pages, following
// nextPageToken, fetching each page only when the previous one is used up.
//
//   for (const genai::Result<genai::Model>& m : client.models().list()) {
//     if (!m) { std::cerr << m.error().to_string(); break; }
//     std::cout << m->name << "\n";
//   }
//
// Or page by page: `while (auto page = pager.next_page()) { ... }`.
#ifndef GENAI_PAGER_H_
#define GENAI_PAGER_H_

#include <functional>
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

  explicit Pager(Fetch fetch) : fetch_(std::move(fetch)) {}

  // The next whole page; nullopt after the last page (or after an error was returned).
  std::optional<Result<Page<T>>> next_page() {
    if (done_) return std::nullopt;
    Result<Page<T>> page = fetch_(token_);
    if (!page) {
      done_ = true;
      return page;
    }
    token_ = page->next_page_token;
    done_ = token_.empty();
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
  Fetch fetch_;
  std::string token_;
  bool done_ = false;
  std::vector<T> buffer_;
  size_t index_ = 0;
  Stream<T> stream_;
};

}  // namespace genai

#endif  // GENAI_PAGER_H_
