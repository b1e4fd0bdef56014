#include "transport/proxy.h"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <array>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "core/errors.h"
#include "core/redact.h"

namespace genai::internal {
namespace {

// curl_url_get's string, freed (and, for a secret, wiped) on scope exit.
struct CurlString {
  char* p = nullptr;
  bool secret = false;
  ~CurlString() {
    if (p && secret) {
      volatile char* v = p;
      for (size_t i = 0; p[i]; ++i) v[i] = 0;
    }
    curl_free(p);
  }
  std::string str() const { return p ? std::string(p) : std::string(); }
};

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// The lower-case scheme of a request URL: "https", "http", or "".
std::string_view request_scheme(std::string_view url) {
  if (starts_with_ci(url, "https://")) return "https";
  if (starts_with_ci(url, "http://")) return "http";
  return "";
}

// host:port of a proxy URL; curl's default port is 1080, 443 for https://.
std::string proxy_name(CURLU* u, std::string_view scheme) {
  CurlString host, port;
  curl_url_get(u, CURLUPART_HOST, &host.p, 0);
  curl_url_get(u, CURLUPART_PORT, &port.p, 0);
  const std::string p = port.p ? port.str() : (scheme == "https" ? "443" : "1080");
  return host.str() + ":" + p;
}

// `field` names the option in an error ("ProxyOptions.https").
Result<ProxyRoute> parse_route(const std::string& url, const std::string& field) {
  auto fix = [&] {
    return "Set " + field + " to http://host:port, https://host:port, socks5://host:port or socks5h://host:port.";
  };
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), &curl_url_cleanup);
  if (curl_url_set(u.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    // The URL itself may hold a password: name only the field.
    return invalid_argument("the proxy URL in " + field + " is not a valid URL", fix());
  }
  CurlString scheme, host, user, password;
  password.secret = true;
  curl_url_get(u.get(), CURLUPART_SCHEME, &scheme.p, 0);
  const std::string s = scheme.str();
  if (s != "http" && s != "https" && s != "socks5" && s != "socks5h") {
    return invalid_argument("the proxy URL in " + field + " has the scheme \"" + s + "\", which is not supported",
                            fix());
  }
  if (curl_url_get(u.get(), CURLUPART_HOST, &host.p, 0) != CURLUE_OK || host.str().empty()) {
    return invalid_argument("the proxy URL in " + field + " has no host", fix());
  }
  ProxyRoute route;
  route.name = proxy_name(u.get(), s);
  curl_url_get(u.get(), CURLUPART_USER, &user.p, CURLU_URLDECODE);
  curl_url_get(u.get(), CURLUPART_PASSWORD, &password.p, CURLU_URLDECODE);
  route.username = user.str();
  route.password = password.str();
  route.url = s + "://" + route.name;
  return route;
}

// The environment variable libcurl takes the proxy of `scheme` from, and its
// value (curl reads only the lower-case http_proxy: HTTP_PROXY can be set by
// a CGI request header).
std::optional<std::pair<std::string, std::string>> environment_proxy(std::string_view scheme) {
  const std::array<const char*, 4> names =
      scheme == "https" ? std::array<const char*, 4>{"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}
                        : std::array<const char*, 4>{"http_proxy", "all_proxy", "ALL_PROXY", ""};
  for (const char* name : names) {
    if (!*name) break;
    const char* value = std::getenv(name);
    if (value && *value) return std::make_pair(std::string(name), std::string(value));
  }
  return std::nullopt;
}

// Whether the address `host` lies in `pattern` ("10.0.0.0/8", "::1", ...).
bool address_matches(std::string_view host, std::string_view pattern) {
  std::string net(pattern);
  int bits = -1;
  if (const size_t slash = net.find('/'); slash != std::string::npos) {
    bits = std::atoi(net.c_str() + slash + 1);
    net.resize(slash);
  }
  const std::string h(host);
  unsigned char a[16], b[16];
  size_t len = 4;
  if (inet_pton(AF_INET, h.c_str(), a) == 1) {
    if (inet_pton(AF_INET, net.c_str(), b) != 1) return false;
  } else if (inet_pton(AF_INET6, h.c_str(), a) == 1) {
    if (inet_pton(AF_INET6, net.c_str(), b) != 1) return false;
    len = 16;
  } else {
    return false;
  }
  const size_t total = bits < 0 || static_cast<size_t>(bits) > len * 8 ? len * 8 : static_cast<size_t>(bits);
  for (size_t i = 0; i < total; ++i) {
    const unsigned char mask = static_cast<unsigned char>(0x80u >> (i % 8));
    if ((a[i / 8] & mask) != (b[i / 8] & mask)) return false;
  }
  return true;
}

bool host_matches(std::string_view host, std::string_view token) {
  if (!token.empty() && token.back() == '.') token.remove_suffix(1);
  if (!token.empty() && token.front() == '.') token.remove_prefix(1);
  if (token.empty() || token.size() > host.size()) return false;
  const std::string_view tail = host.substr(host.size() - token.size());
  if (tail.size() != host.size() && host[host.size() - token.size() - 1] != '.') return false;
  for (size_t i = 0; i < token.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(tail[i])) != std::tolower(static_cast<unsigned char>(token[i]))) {
      return false;
    }
  }
  return true;
}

// Wipes the whole buffer, not just size() bytes: a short password moved out
// of this string (small-string optimisation) leaves its bytes behind.
void wipe_buffer(std::string& secret) {
  secret.resize(secret.capacity());
  wipe_secret(secret);
}

}  // namespace

ProxyConfig::~ProxyConfig() {
  wipe_buffer(password);
  if (http) wipe_buffer(http->password);
  if (https) wipe_buffer(https->password);
}

const ProxyRoute* ProxyConfig::route_for(std::string_view request_url) const {
  const std::string_view scheme = request_scheme(request_url);
  if (scheme == "https") return https ? &*https : nullptr;
  if (scheme == "http") return http ? &*http : nullptr;
  return nullptr;
}

const std::string& ProxyConfig::username_for(const ProxyRoute* route) const {
  return username.empty() && route ? route->username : username;
}

const std::string& ProxyConfig::password_for(const ProxyRoute* route) const {
  return password.empty() && username.empty() && route ? route->password : password;
}

Result<ProxyConfig> make_proxy_config(const ProxyOptions& options) {
  ProxyConfig config;
  if (!options.http.empty()) {
    Result<ProxyRoute> r = parse_route(options.http, "ProxyOptions.http");
    if (!r) return std::move(r).error();
    config.http = std::move(*r);
  }
  if (!options.https.empty()) {
    Result<ProxyRoute> r = parse_route(options.https, "ProxyOptions.https");
    if (!r) return std::move(r).error();
    config.https = std::move(*r);
  }
  if (!options.no_proxy.empty()) config.no_proxy = options.no_proxy;
  config.username = options.username;
  config.password = options.password;
  return config;
}

std::optional<ProxyUse> proxy_for(const ProxyConfig& config, std::string_view request_url) {
  const std::string_view scheme = request_scheme(request_url);
  if (scheme.empty()) return std::nullopt;
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), &curl_url_cleanup);
  CurlString host;
  if (curl_url_set(u.get(), CURLUPART_URL, std::string(request_url).c_str(), 0) != CURLUE_OK ||
      curl_url_get(u.get(), CURLUPART_HOST, &host.p, 0) != CURLUE_OK) {
    return std::nullopt;
  }
  std::string target = host.str();
  if (target.size() > 2 && target.front() == '[') target = target.substr(1, target.size() - 2);
  std::string no_proxy;
  if (config.no_proxy) {
    no_proxy = *config.no_proxy;
  } else if (const char* env = std::getenv("no_proxy"); env) {
    no_proxy = env;
  } else if (const char* env_upper = std::getenv("NO_PROXY"); env_upper) {
    no_proxy = env_upper;
  }
  if (no_proxy_matches(no_proxy, target)) return std::nullopt;

  if (const ProxyRoute* route = config.route_for(request_url)) {
    return ProxyUse{route->name, "ProxyOptions." + std::string(scheme), route->url.substr(0, route->url.find(':'))};
  }
  const auto env = environment_proxy(scheme);
  if (!env) return std::nullopt;
  // Named as curl reads it: a value without a scheme is an http:// proxy.
  std::string value = env->second;
  if (value.find("://") == std::string::npos) value = "http://" + value;
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> p(curl_url(), &curl_url_cleanup);
  if (curl_url_set(p.get(), CURLUPART_URL, value.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    wipe_secret(value);
    return ProxyUse{"(unparsable)", "the environment variable " + env->first, ""};
  }
  wipe_secret(value);
  CurlString proxy_scheme;
  curl_url_get(p.get(), CURLUPART_SCHEME, &proxy_scheme.p, 0);
  return ProxyUse{proxy_name(p.get(), proxy_scheme.str()), "the environment variable " + env->first,
                  proxy_scheme.str()};
}

ProxyEndpoint::~ProxyEndpoint() { wipe_buffer(password); }

Result<std::optional<ProxyEndpoint>> proxy_endpoint_for(const ProxyConfig& config, std::string_view request_url) {
  // proxy_for decides (no_proxy, explicit over environment); this only adds
  // the address and credentials of what it chose.
  const std::optional<ProxyUse> use = proxy_for(config, request_url);
  if (!use) return std::optional<ProxyEndpoint>();
  const ProxyRoute* route = config.route_for(request_url);
  std::optional<ProxyRoute> parsed;
  if (!route) {
    const auto env = environment_proxy(request_scheme(request_url));
    if (!env) return std::optional<ProxyEndpoint>();
    std::string value = env->second;
    if (value.find("://") == std::string::npos) value = "http://" + value;
    Result<ProxyRoute> r = parse_route(value, "the environment variable " + env->first);
    wipe_secret(value);
    if (!r) return std::move(r).error();
    parsed = std::move(*r);
  }
  const ProxyRoute& chosen = route ? *route : *parsed;
  ProxyEndpoint out;
  out.scheme = chosen.url.substr(0, chosen.url.find(':'));
  out.name = chosen.name;
  out.source = use->source;
  const size_t colon = chosen.name.rfind(':');
  out.host = chosen.name.substr(0, colon);
  if (out.host.size() > 2 && out.host.front() == '[') out.host = out.host.substr(1, out.host.size() - 2);
  out.port = colon == std::string::npos ? 0 : std::atoi(chosen.name.c_str() + colon + 1);
  // As libcurl: explicit credentials (ProxyOptions) win over the URL's.
  out.username = config.username.empty() ? chosen.username : config.username;
  out.password = config.username.empty() && config.password.empty() ? chosen.password : config.password;
  return std::optional<ProxyEndpoint>(std::move(out));
}

bool no_proxy_matches(std::string_view list, std::string_view host) {
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!list.empty() && blank(list.front())) list.remove_prefix(1);
  while (!list.empty() && blank(list.back())) list.remove_suffix(1);
  if (list == "*") return true;
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && (blank(list[i]) || list[i] == ',')) ++i;
    const size_t start = i;
    while (i < list.size() && !blank(list[i]) && list[i] != ',') ++i;
    std::string_view token = list.substr(start, i - start);
    if (token.size() > 2 && token.front() == '[' && token.find(']') != std::string_view::npos) {
      token = token.substr(1, token.find(']') - 1);
    }
    if (token.empty()) continue;
    if (address_matches(host, token) || host_matches(host, token)) return true;
  }
  return false;
}

}  // namespace genai::internal
