#include "transport/curl_handles.h"

namespace genai::internal {

void curl_global_init_once() {
  static const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
  (void)rc;
}

CurlShare::CurlShare() {
  curl_global_init_once();
  share_ = curl_share_init();
  curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, &CurlShare::lock);
  curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &CurlShare::unlock);
  curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
}

CurlShare::~CurlShare() { curl_share_cleanup(share_); }

void CurlShare::lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
  static_cast<CurlShare*>(self)->mutexes_.at(static_cast<size_t>(data)).lock();
}

void CurlShare::unlock(CURL*, curl_lock_data data, void* self) {
  static_cast<CurlShare*>(self)->mutexes_.at(static_cast<size_t>(data)).unlock();
}

}  // namespace genai::internal
