#include "emulator/backend/builtin_tools.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <regex>
#include <stdexcept>
#include <vector>

#include "emulator/common/html.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;
__extension__ typedef __int128 int128;  // GCC and Clang; the sum of a long range needs it

// A Python-like number: an int64 or a float.
struct Num {
  bool is_int = true;
  long long i = 0;
  double d = 0;
  double as_double() const { return is_int ? static_cast<double>(i) : d; }
};

struct EvalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Num make_float(double d) {
  if (!std::isfinite(d)) throw EvalError("OverflowError: (34, 'Numerical result out of range')");
  return Num{false, 0, d};
}

// Recursive descent over Python's precedence: + - < * / // % < unary < **.
class Parser {
 public:
  explicit Parser(const std::string& s) : s_(s) {}

  Num parse() {
    Num v = expr();
    skip();
    if (pos_ != s_.size()) throw syntax();
    return v;
  }

 private:
  EvalError syntax() const { return EvalError("SyntaxError: invalid syntax"); }
  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(const char* op) {
    skip();
    const std::string o(op);
    if (s_.compare(pos_, o.size(), o) != 0) return false;
    // "*" must not eat the first half of "**", nor "/" of "//".
    if ((o == "*" || o == "/") && pos_ + 1 < s_.size() && s_[pos_ + 1] == o[0]) return false;
    pos_ += o.size();
    return true;
  }

  Num expr() {
    Num v = term();
    while (true) {
      if (eat("+")) {
        v = add(v, term(), 1);
      } else if (eat("-")) {
        v = add(v, term(), -1);
      } else {
        return v;
      }
    }
  }
  Num term() {
    Num v = unary();
    while (true) {
      if (eat("*")) {
        v = mul(v, unary());
      } else if (eat("//")) {
        v = floordiv(v, unary());
      } else if (eat("/")) {
        Num r = unary();
        if (r.as_double() == 0) throw EvalError("ZeroDivisionError: division by zero");
        v = make_float(v.as_double() / r.as_double());
      } else if (eat("%")) {
        v = mod(v, unary());
      } else {
        return v;
      }
    }
  }
  Num unary() {
    if (eat("-")) {
      Num v = unary();
      if (v.is_int) {
        if (v.i == std::numeric_limits<long long>::min()) throw overflow();
        return Num{true, -v.i, 0};
      }
      return make_float(-v.d);
    }
    if (eat("+")) return unary();
    return power();
  }
  Num power() {
    Num base = atom();
    if (!eat("**")) return base;
    Num exponent = unary();  // right-associative, and -2**2 == -(2**2)
    if (base.is_int && exponent.is_int && exponent.i >= 0) {
      long long r = 1;
      for (long long k = 0; k < exponent.i; ++k) {
        if (__builtin_mul_overflow(r, base.i, &r)) throw overflow();
        if (r == 0 || r == 1) break;
      }
      return Num{true, r, 0};
    }
    if (base.as_double() == 0 && exponent.as_double() < 0) {
      throw EvalError("ZeroDivisionError: 0.0 cannot be raised to a negative power");
    }
    return make_float(std::pow(base.as_double(), exponent.as_double()));
  }
  Num atom() {
    skip();
    if (eat("(")) {
      Num v = expr();
      if (!eat(")")) throw syntax();
      return v;
    }
    const size_t start = pos_;
    bool dot = false;
    while (pos_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.' || s_[pos_] == '_')) {
      dot = dot || s_[pos_] == '.';
      ++pos_;
    }
    std::string digits = s_.substr(start, pos_ - start);
    std::erase(digits, '_');
    if (digits.empty() || digits == ".") throw syntax();
    if (dot) {
      try {
        return make_float(std::stod(digits));
      } catch (const std::logic_error&) {
        throw syntax();
      }
    }
    Num v;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v.i);
    if (ec != std::errc() || end != digits.data() + digits.size()) throw overflow();
    return v;
  }

  static EvalError overflow() { return EvalError("OverflowError: integer too large for the emulator (64-bit)"); }
  static Num add(Num a, Num b, int sign) {
    if (a.is_int && b.is_int) {
      long long r;
      if (sign > 0 ? __builtin_add_overflow(a.i, b.i, &r) : __builtin_sub_overflow(a.i, b.i, &r)) throw overflow();
      return Num{true, r, 0};
    }
    return make_float(a.as_double() + sign * b.as_double());
  }
  static Num mul(Num a, Num b) {
    if (a.is_int && b.is_int) {
      long long r;
      if (__builtin_mul_overflow(a.i, b.i, &r)) throw overflow();
      return Num{true, r, 0};
    }
    return make_float(a.as_double() * b.as_double());
  }
  static Num floordiv(Num a, Num b) {
    if (b.as_double() == 0) throw EvalError("ZeroDivisionError: integer division or modulo by zero");
    if (a.is_int && b.is_int) {
      long long q = a.i / b.i;
      if ((a.i % b.i != 0) && ((a.i < 0) != (b.i < 0))) --q;  // floor, as Python
      return Num{true, q, 0};
    }
    return make_float(std::floor(a.as_double() / b.as_double()));
  }
  static Num mod(Num a, Num b) {
    if (b.as_double() == 0) throw EvalError("ZeroDivisionError: integer modulo by zero");
    if (a.is_int && b.is_int) {
      long long r = a.i % b.i;
      if (r != 0 && ((r < 0) != (b.i < 0))) r += b.i;  // the sign of the divisor, as Python
      return Num{true, r, 0};
    }
    double r = std::fmod(a.as_double(), b.as_double());
    if (r != 0 && ((r < 0) != (b.as_double() < 0))) r += b.as_double();
    return make_float(r);
  }

  const std::string& s_;
  size_t pos_ = 0;
};

// Python's repr of a float: the shortest round-trip digits, "4.0" for integral values.
std::string python_float(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, ec == std::errc() ? end : buf);
  if (s.find_first_of(".e") == std::string::npos && s.find("inf") == std::string::npos) s += ".0";
  return s;
}

std::string trim(std::string s) {
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) || s.back() == '?' || s.back() == '.' ||
                        s.back() == '"' || s.back() == '\'' || s.back() == '`')) {
    s.pop_back();
  }
  size_t start = 0;
  while (start < s.size() && (std::isspace(static_cast<unsigned char>(s[start])) || s[start] == '"' ||
                              s[start] == '\'' || s[start] == '`' || s[start] == ':')) {
    ++start;
  }
  return s.substr(start);
}

std::string url_encode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

CodeRun code_run(std::string code, const Evaluation& e) {
  CodeRun r;
  r.code = std::move(code);
  r.outcome = e.ok ? "OUTCOME_OK" : "OUTCOME_FAILED";
  if (e.ok) {
    r.output = e.text + "\n";
    r.summary = "The code ran and printed " + e.text + ", so the result is " + e.text + ".";
  } else {
    r.output = "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n" + e.text + "\n";
    r.summary = "The code failed with " + e.text.substr(0, e.text.find(':')) + ", so there is no result.";
  }
  return r;
}

}  // namespace

Evaluation evaluate_expression(const std::string& expression) {
  try {
    const Num v = Parser(expression).parse();
    return {true, v.is_int ? std::to_string(v.i) : python_float(v.d)};
  } catch (const EvalError& e) {
    return {false, e.what()};
  }
}

std::optional<CodeRun> run_code_for(const std::string& prompt) {
  static const std::regex sum_re(
      R"(sum\s+of\s+(?:all\s+)?(?:the\s+)?(?:numbers\s+|integers\s+)?(?:from\s+)?(-?\d{1,9})\s*(?:\.\.|to|-)\s*(-?\d{1,9}))",
      std::regex::icase);
  std::smatch m;
  if (std::regex_search(prompt, m, sum_re)) {
    const long long a = std::stoll(m[1]);
    const long long b = std::stoll(m[2]);
    // Gauss's formula: the range may hold a billion numbers.
    const int128 count = b >= a ? static_cast<int128>(b) - a + 1 : 0;
    const long long total = static_cast<long long>((static_cast<int128>(a) + b) * count / 2);
    return code_run("print(sum(range(" + std::to_string(a) + ", " + std::to_string(b) + " + 1)))",
                    Evaluation{true, std::to_string(total)});
  }
  static const std::regex ask_re(R"((?:compute|calculate|evaluate|what\s+is|what's)\s+(.+))", std::regex::icase);
  if (!std::regex_search(prompt, m, ask_re)) return std::nullopt;
  const std::string expression = trim(m[1]);
  if (expression.find_first_of("0123456789") == std::string::npos) return std::nullopt;  // not arithmetic
  return code_run("print(" + expression + ")", evaluate_expression(expression));
}

namespace {

// The search query of a prompt: its first ten words.
std::string query_of(const std::string& prompt) {
  std::string query;
  int words = 0;
  for (char c : trim(prompt)) {
    if (c == '\n') c = ' ';
    if (c == ' ' && ++words >= 10) break;
    query += c;
  }
  return query;
}

// groundingChunks as given, and one groundingSupport per sentence of
// `answer` (UTF-8 byte offsets) pointing at them in turn.
ojson grounded_by(ojson chunks, const std::string& answer) {
  // Google leaves a zero startIndex out (proto3 default).
  ojson supports = ojson::array();
  size_t start = 0;
  for (int i = 0; start < answer.size() && i < 4; ++i) {
    size_t end = answer.find(". ", start);
    end = end == std::string::npos ? answer.size() : end + 1;
    ojson segment;
    if (start > 0) segment["startIndex"] = start;
    segment["endIndex"] = end;
    segment["text"] = answer.substr(start, end - start);
    supports.push_back(ojson{{"segment", segment},
                             {"groundingChunkIndices", ojson::array({i % std::max<size_t>(1, chunks.size())})},
                             {"confidenceScores", ojson::array({0.9})}});
    start = end;
    while (start < answer.size() && answer[start] == ' ') ++start;
  }
  ojson g;
  g["groundingChunks"] = std::move(chunks);
  g["groundingSupports"] = std::move(supports);
  return g;
}

}  // namespace

ojson grounding_metadata(const std::string& prompt, const std::string& answer) {
  const std::string query = query_of(prompt);
  ojson chunks = ojson::array();
  for (int i = 1; i <= 2; ++i) {
    const std::string uri = "https://emulator.invalid/search?q=" + url_encode(query) + "&result=" + std::to_string(i);
    chunks.push_back(ojson{{"web", ojson{{"uri", uri}, {"title", "emulator.invalid: simulated result " + std::to_string(i)}}}});
  }
  ojson g;
  g["searchEntryPoint"] = ojson{
      {"renderedContent", "<div class=\"container\"><div class=\"headline\">Simulated Google Search (genai-emulator)"
                          "</div><div class=\"carousel\"><a class=\"chip\" href=\"" +
                              html_escape(chunks[0]["web"]["uri"].get<std::string>()) + "\">" + html_escape(query) +
                              "</a></div></div>\n"}};
  g.update(grounded_by(std::move(chunks), answer));
  g["webSearchQueries"] = ojson::array({query});
  return g;
}

ojson maps_grounding_metadata(const std::string& prompt, const std::string& answer, bool widget, std::uint64_t seed) {
  const std::string query = query_of(prompt);
  ojson chunks = ojson::array();
  for (int i = 1; i <= 2; ++i) {
    std::string place = "ChIJ";
    for (std::uint64_t h = seed * 31 + static_cast<std::uint64_t>(i); place.size() < 27; h = h / 62 + h * 7919) {
      place += "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[h % 62];
    }
    chunks.push_back(ojson{{"maps", ojson{{"uri", "https://maps.emulator.invalid/?cid=" + place},
                                          {"title", "Simulated place " + std::to_string(i) + " for " + query},
                                          {"placeId", "places/" + place}}}});
  }
  ojson g = grounded_by(std::move(chunks), answer);
  if (widget) g["googleMapsWidgetContextToken"] = "widgetcontent/emulator-" + std::to_string(seed % 1000000007);
  return g;
}

ojson retrieval_grounding_metadata(const std::string& prompt, const std::string& answer, const std::string& source) {
  const std::string query = query_of(prompt);
  ojson chunks = ojson::array();
  for (int i = 1; i <= 2; ++i) {
    const std::string n = std::to_string(i);
    chunks.push_back(ojson{{"retrievedContext", ojson{{"uri", "https://emulator.invalid/" + source + "/document-" + n},
                                                      {"title", "Simulated " + source + " document " + n},
                                                      {"text", "A simulated passage about " + query + "."}}}});
  }
  ojson g = grounded_by(std::move(chunks), answer);
  g["retrievalQueries"] = ojson::array({query});
  return g;
}

std::vector<std::string> urls_in(const std::string& text) {
  std::vector<std::string> out;
  for (size_t at = text.find("http"); at != std::string::npos; at = text.find("http", at + 1)) {
    if (text.compare(at, 7, "http://") != 0 && text.compare(at, 8, "https://") != 0) continue;
    if (at > 0 && !std::isspace(static_cast<unsigned char>(text[at - 1])) && text[at - 1] != '(' && text[at - 1] != '<') {
      continue;
    }
    size_t end = at;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != ')' &&
           text[end] != '>') {
      ++end;
    }
    while (end > at && (text[end - 1] == '.' || text[end - 1] == ',')) --end;  // the sentence's, not the URL's
    out.push_back(text.substr(at, end - at));
    at = end;
  }
  return out;
}

ojson url_context_metadata(const std::vector<std::string>& urls) {
  ojson list = ojson::array();
  for (const std::string& url : urls) {
    // Hosts under .invalid never resolve: the fetch fails, as it would at Google.
    const size_t host_at = url.find("://") + 3;
    const std::string host = url.substr(host_at, url.find_first_of("/?#:", host_at) - host_at);
    const bool unreachable = host.size() >= 8 && host.compare(host.size() - 8, 8, ".invalid") == 0;
    list.push_back(ojson{{"retrievedUrl", url},
                         {"urlRetrievalStatus", unreachable ? "URL_RETRIEVAL_STATUS_ERROR" : "URL_RETRIEVAL_STATUS_SUCCESS"}});
  }
  return ojson{{"urlMetadata", std::move(list)}};
}

}  // namespace genai::emulator
