#include "core/redact.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

namespace genai::internal {
namespace {

constexpr std::string_view kMask = "<redacted>";

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}
bool is_token_char(char c) {
  return is_key_char(c) || c == '.' || c == '/' || c == '+' || c == '=' || c == '~';
}
bool starts_with_ci(std::string_view text, size_t pos, std::string_view prefix) {
  if (text.size() - pos < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[pos + i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}
// Length of the run of token characters starting at pos.
size_t token_run(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end < text.size() && is_token_char(text[end])) ++end;
  return end - pos;
}

// JSON fields and form/query parameters whose values are secrets.
constexpr std::array<std::string_view, 12> kSecretNames = {
    "private_key",   "refresh_token", "access_token", "client_secret", "api_key", "apikey",
    "keyString",     "assertion",     "id_token",     "accessToken",   "key",     "token"};

// If text[pos..] is `"name"` followed by `:` and a JSON string (or `name=`
// followed by a form value), returns the [begin, end) of the value.
bool secret_value_at(std::string_view text, size_t pos, size_t& begin, size_t& end) {
  const bool quoted = text[pos] == '"';
  const size_t name_pos = quoted ? pos + 1 : pos;
  // Only start a bare name at a word boundary (after ?, &, space, start).
  if (!quoted && pos > 0 && (is_key_char(text[pos - 1]) || text[pos - 1] == '.')) return false;
  for (std::string_view name : kSecretNames) {
    if (!starts_with_ci(text, name_pos, name)) continue;
    size_t p = name_pos + name.size();
    if (quoted) {
      if (p >= text.size() || text[p] != '"') continue;
      ++p;
      while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
      if (p >= text.size() || text[p] != ':') continue;
      ++p;
      while (p < text.size() && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n')) ++p;
      if (p >= text.size() || text[p] != '"') continue;
      ++p;
      size_t q = p;
      while (q < text.size() && text[q] != '"') q += (text[q] == '\\' && q + 1 < text.size()) ? 2 : 1;
      begin = p;
      end = std::min(q, text.size());
      return end > begin;
    }
    if (p >= text.size() || text[p] != '=') continue;
    ++p;
    size_t q = p;
    while (q < text.size() && text[q] != '&' && text[q] != ' ' && text[q] != '\n' &&
           text[q] != '\r' && text[q] != '"' && text[q] != '\'') {
      ++q;
    }
    begin = p;
    end = q;
    return end > begin;
  }
  return false;
}

}  // namespace

std::string redact(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    // PEM private key blocks, whatever their type (RSA, EC, ENCRYPTED, none).
    if (c == '-' && starts_with_ci(text, i, "-----BEGIN ")) {
      const size_t line_end = text.find("-----", i + 11);
      if (line_end != std::string_view::npos &&
          text.substr(i, line_end - i).find("PRIVATE KEY") != std::string_view::npos) {
        const size_t end_marker = text.find("-----END ", line_end);
        size_t stop = text.size();
        if (end_marker != std::string_view::npos) {
          const size_t close = text.find("-----", end_marker + 9);
          stop = close == std::string_view::npos ? text.size() : close + 5;
        }
        out += "<redacted private key>";
        i = stop;
        continue;
      }
    }
    // API keys: AIza + 35. Wherever they start: a key glued to the word
    // before it ("...emptAIza...", found by fuzz_google_error) is still a key.
    if (c == 'A' && text.compare(i, 4, "AIza") == 0) {
      size_t end = i + 4;
      while (end < text.size() && is_key_char(text[end])) ++end;
      if (end - i >= 30) {
        out += "AIza";
        out += kMask;
        i = end;
        continue;
      }
    }
    // OAuth access tokens (ya29.) and refresh tokens (1//).
    if ((c == 'y' && text.compare(i, 5, "ya29.") == 0) || (c == '1' && text.compare(i, 3, "1//") == 0)) {
      if (i == 0 || !is_token_char(text[i - 1])) {
        const size_t n = token_run(text, i);
        out.append(text.substr(i, c == 'y' ? 5 : 3));
        out += kMask;
        i += n;
        continue;
      }
    }
    // JWTs: eyJ....eyJ....sig
    if (c == 'e' && text.compare(i, 3, "eyJ") == 0 && (i == 0 || !is_token_char(text[i - 1]))) {
      const size_t n = token_run(text, i);
      const std::string_view run = text.substr(i, n);
      if (std::count(run.begin(), run.end(), '.') >= 1 && n > 20) {
        out += "<redacted jwt>";
        i += n;
        continue;
      }
    }
    // Ephemeral tokens of the Live API ("auth_tokens/<secret>"): the name
    // is the credential, in a response body or an "Authorization: Token" header.
    if (c == 'a' && text.compare(i, 12, "auth_tokens/") == 0 && (i == 0 || !is_key_char(text[i - 1]))) {
      const size_t n = token_run(text, i + 12);
      if (n > 0) {
        out += "auth_tokens/";
        out += kMask;
        i += 12 + n;
        continue;
      }
    }
    // "Bearer <token>", "Basic <user:password in base64>" (a proxy's
    // Proxy-Authorization) and header lines carrying secrets. "Basic" only
    // as the header writes it and before a token of base64 length, so that
    // prose ("a basic idea") stays as it is.
    if ((c == 'B' || c == 'b') && (i == 0 || !is_key_char(text[i - 1]))) {
      const bool basic = text.compare(i, 6, "Basic ") == 0;
      const size_t word = starts_with_ci(text, i, "bearer ") ? 7 : basic ? 6 : 0;
      const size_t n = word ? token_run(text, i + word) : 0;
      if (n > 0 && (!basic || n >= 8)) {
        out.append(text.substr(i, word));
        out += kMask;
        i += word + n;
        continue;
      }
    }
    // The password of a URL's userinfo (http://user:password@proxy:3128),
    // as proxy URLs carry it.
    if (c == ':' && text.compare(i, 3, "://") == 0) {
      size_t end = i + 3;
      while (end < text.size() && !std::strchr("/?#\"'<> \t\r\n", text[end])) ++end;
      // The last '@' of the authority: a password may hold one unencoded.
      const std::string_view authority = text.substr(i + 3, end - (i + 3));
      const size_t at_in = authority.rfind('@');
      const size_t colon_in = at_in == std::string_view::npos ? at_in : authority.substr(0, at_in).find(':');
      if (colon_in != std::string_view::npos) {
        const size_t colon = i + 3 + colon_in;
        const size_t at = i + 3 + at_in;
        // The user name is not a secret, but is still text to redact (the
        // fuzzer found an API key there surviving).
        out += redact(text.substr(i, colon + 1 - i));
        out += kMask;
        out += '@';
        i = at + 1;
        continue;
      }
    }
    if ((c == 'x' || c == 'X') && starts_with_ci(text, i, "x-goog-api-key:")) {
      size_t p = i + 15;
      while (p < text.size() && text[p] == ' ') ++p;
      const size_t n = token_run(text, p);
      out.append(text.substr(i, p - i));
      out += kMask;
      // A value masked already (a request whose key was wiped after it was
      // handed to libcurl) is not masked twice.
      i = p + (n == 0 && text.compare(p, kMask.size(), kMask) == 0 ? kMask.size() : n);
      continue;
    }
    size_t begin = 0, end = 0;
    if ((c == '"' || is_key_char(c)) && secret_value_at(text, i, begin, end)) {
      out.append(text.substr(i, begin - i));
      out += kMask;
      i = end;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

std::string mask_secret(std::string_view secret) {
  if (secret.size() < 16) return "<" + std::to_string(secret.size()) + " chars>";
  std::string out;
  out.append(secret.substr(0, 4));
  out += "…";
  out.append(secret.substr(secret.size() - 4));
  out += " (" + std::to_string(secret.size()) + " chars)";
  return out;
}

void wipe_secret(std::string& secret) {
  volatile char* p = secret.data();
  for (size_t i = 0; i < secret.size(); ++i) p[i] = 0;
}

}  // namespace genai::internal
