// An HttpStream over bytes in memory, handing out at most `piece` bytes per
// read() as the curl transport hands out what one network read delivered.
// For feeding make_response_stream without a server: tests, fuzz targets
// (fuzz_response_stream) and benchmarks (BM_SseToTypedChunks). Header-only.
#ifndef GENAI_TESTS_SUPPORT_MEMORY_STREAM_H_
#define GENAI_TESTS_SUPPORT_MEMORY_STREAM_H_

#include <optional>
#include <string>
#include <string_view>

#include <genai/http.h>

namespace genai::testing {

class MemoryStream final : public HttpStream {
 public:
  // `body` must outlive the stream.
  MemoryStream(std::string_view body, size_t piece) : body_(body), piece_(piece == 0 ? 1 : piece) {}
  int status() const override { return 200; }
  const HttpHeaders& headers() const override { return headers_; }
  Result<std::optional<std::string>> read() override {
    if (off_ >= body_.size()) return std::optional<std::string>();
    std::string out(body_.substr(off_, piece_));
    off_ += out.size();
    return std::optional<std::string>(std::move(out));
  }
  void cancel() override {}

 private:
  std::string_view body_;
  size_t piece_;
  size_t off_ = 0;
  HttpHeaders headers_;
};

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_MEMORY_STREAM_H_
