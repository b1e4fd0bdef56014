// Internal: ProxyOptions made ready for libcurl, and the words to name a
// proxy in errors and traces without its credentials.
//
// libcurl chooses the proxy of each request (ProxyOptions first, else the
// environment) and applies no_proxy; proxy_for() only describes that choice
// for a message, following curl's documented rules.
#ifndef GENAI_SRC_TRANSPORT_PROXY_H_
#define GENAI_SRC_TRANSPORT_PROXY_H_

#include <optional>
#include <string>
#include <string_view>

#include "genai/http.h"
#include "genai/result.h"

namespace genai::internal {

// One explicit proxy URL, split so that its credentials travel only in
// CURLOPT_PROXYUSERNAME/PASSWORD and never in a string that could be printed.
struct ProxyRoute {
  std::string url;       // scheme://host:port, without credentials
  std::string name;      // host:port, for messages
  std::string username;  // from the URL (percent-decoded), if any
  std::string password;  // from the URL (percent-decoded), if any; a secret
};

struct ProxyConfig {
  std::optional<ProxyRoute> http;   // for http:// request URLs; nullopt: the environment
  std::optional<ProxyRoute> https;  // for https:// request URLs; nullopt: the environment
  std::optional<std::string> no_proxy;  // nullopt: the environment's no_proxy
  std::string username;  // ProxyOptions.username/password: win over a URL's
  std::string password;

  ProxyConfig() = default;
  ProxyConfig(ProxyConfig&&) = default;
  ProxyConfig& operator=(ProxyConfig&&) = default;
  ~ProxyConfig();  // wipes the passwords

  // The explicit route for a request URL (by its scheme), or null.
  const ProxyRoute* route_for(std::string_view request_url) const;
  // The credentials to send to the proxy of `route` (null: an environment
  // proxy): the explicit ones, else the route's. Empty: none from us.
  const std::string& username_for(const ProxyRoute* route) const;
  const std::string& password_for(const ProxyRoute* route) const;
};

// Checks and splits `options`: a proxy URL must be http://, https://,
// socks5:// or socks5h:// with a host. An unusable one is an
// invalid-argument Error naming the field, never the credentials.
Result<ProxyConfig> make_proxy_config(const ProxyOptions& options);

// The proxy a request to `request_url` goes through, as libcurl chooses it:
// `name` is host:port, `source` where it was configured ("ProxyOptions.https",
// "the environment variable https_proxy"). nullopt: no proxy, or no_proxy
// bypasses it. Reads the environment; for messages and traces only.
struct ProxyUse {
  std::string name;
  std::string source;
  std::string scheme;  // of the proxy URL: http, https, socks5, socks5h
};
std::optional<ProxyUse> proxy_for(const ProxyConfig& config, std::string_view request_url);

// The proxy a connection of our own (the Live API's WebSocket, which libcurl
// does not carry) goes through for `request_url`: the choice proxy_for()
// describes, with the address and credentials to use. nullopt: connect
// directly. An environment proxy URL that cannot be parsed is an Error
// naming the variable, never its value.
struct ProxyEndpoint {
  std::string scheme;    // http, https, socks5, socks5h
  std::string host;      // without brackets for IPv6
  int port = 0;
  std::string name;      // host:port, for messages
  std::string source;    // as ProxyUse::source
  std::string username;  // explicit credentials win over the URL's
  std::string password;  // a secret; wiped on destruction
  ProxyEndpoint() = default;
  ProxyEndpoint(const ProxyEndpoint&) = default;
  ProxyEndpoint& operator=(const ProxyEndpoint&) = default;
  ~ProxyEndpoint();
};
Result<std::optional<ProxyEndpoint>> proxy_endpoint_for(const ProxyConfig& config, std::string_view request_url);

// True if `host` is bypassed by a no_proxy list in curl's syntax (comma- or
// blank-separated names matching themselves and their subdomains, IP
// addresses, CIDR ranges; "*" alone matches every host).
bool no_proxy_matches(std::string_view list, std::string_view host);

}  // namespace genai::internal

#endif  // GENAI_SRC_TRANSPORT_PROXY_H_
