// Internal: RAII owners of every libcurl handle. Only src/transport includes
// <curl/curl.h>; nothing else in the library touches a raw CURL*.
#ifndef GENAI_SRC_TRANSPORT_CURL_HANDLES_H_
#define GENAI_SRC_TRANSPORT_CURL_HANDLES_H_

#include <curl/curl.h>

#include <array>
#include <memory>
#include <mutex>

namespace genai::internal {

struct CurlEasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct CurlMultiDeleter {
  void operator()(CURLM* h) const { curl_multi_cleanup(h); }
};
struct CurlSlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;

// curl_global_init is not thread-safe; this runs it once per process.
void curl_global_init_once();

// A share handle that lets every easy handle of one transport reuse
// connections, DNS answers and TLS sessions, with the locking libcurl needs
// when handles run on different threads.
class CurlShare {
 public:
  CurlShare();
  ~CurlShare();
  CurlShare(const CurlShare&) = delete;
  CurlShare& operator=(const CurlShare&) = delete;
  CURLSH* get() const { return share_; }

 private:
  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* self);
  static void unlock(CURL*, curl_lock_data data, void* self);
  CURLSH* share_ = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> mutexes_;
};

}  // namespace genai::internal

#endif  // GENAI_SRC_TRANSPORT_CURL_HANDLES_H_
