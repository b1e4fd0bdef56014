#include "emulator/backend/file_search.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

std::string fs_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string fs_base_mime(std::string_view mime) {
  std::string m = fs_lower(mime.substr(0, mime.find(';')));
  while (!m.empty() && m.back() == ' ') m.pop_back();
  return m;
}

// HTML without tags, comments, scripts and styles; the common entities decoded.
std::string fs_strip_html(std::string_view html) {
  std::string out;
  const std::string lower = fs_lower(html);
  size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '<') {
      if (html[i] == '&') {
        static const std::pair<const char*, const char*> kEntities[] = {
            {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}};
        bool done = false;
        for (const auto& [name, text] : kEntities) {
          if (lower.compare(i, std::strlen(name), name) == 0) {
            out += text;
            i += std::strlen(name);
            done = true;
            break;
          }
        }
        if (done) continue;
      }
      out += html[i++];
      continue;
    }
    const auto skip_to = [&](std::string_view end) {
      const size_t at = lower.find(end, i);
      i = at == std::string::npos ? html.size() : at + end.size();
    };
    if (lower.compare(i, 4, "<!--") == 0) {
      skip_to("-->");
    } else if (lower.compare(i, 7, "<script") == 0) {
      skip_to("</script>");
    } else if (lower.compare(i, 6, "<style") == 0) {
      skip_to("</style>");
    } else {
      skip_to(">");
      out += ' ';  // a tag separates words
    }
  }
  return out;
}

// Lower-cased words (letters and digits; bytes of UTF-8 sequences count as letters).
std::vector<std::string> fs_words(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      w += static_cast<char>(std::tolower(c));
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

bool fs_stop_word(const std::string& w) {
  static const std::set<std::string> kStop = {
      "a",    "an",   "and",  "are",  "as",   "at",    "be",   "by",   "can",  "do",    "does",  "for",
      "from", "how",  "i",    "in",   "is",   "it",    "its",  "me",   "my",   "of",    "on",    "or",
      "our",  "so",   "that", "the",  "their", "there", "this", "to",   "was",  "we",    "what",  "when",
      "where", "which", "who", "why", "will", "with",  "you",  "your", "about", "tell", "please", "many", "much"};
  return kStop.count(w) > 0;
}

std::vector<std::string> fs_terms(std::string_view text) {
  std::vector<std::string> out;
  for (std::string& w : fs_words(text)) {
    if (!fs_stop_word(w)) out.push_back(std::move(w));
  }
  return out;
}

// --- metadata filters: cond (AND cond)* (OR ...)* --------------------------

struct FilterToken {
  enum Kind { kWord, kString, kNumber, kOp, kEnd } kind = kEnd;
  std::string text;
};

std::optional<std::vector<FilterToken>> fs_filter_tokens(const std::string& f) {
  std::vector<FilterToken> out;
  size_t i = 0;
  while (i < f.size()) {
    const char c = f[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '"' || c == '\'') {
      const size_t end = f.find(c, i + 1);
      if (end == std::string::npos) return std::nullopt;
      out.push_back({FilterToken::kString, f.substr(i + 1, end - i - 1)});
      i = end + 1;
    } else if (c == '=' || c == '!' || c == '<' || c == '>') {
      std::string op(1, c);
      if (i + 1 < f.size() && f[i + 1] == '=') op += '=';
      if (op == "!") return std::nullopt;
      out.push_back({FilterToken::kOp, op});
      i += op.size();
    } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.') {
      size_t end = i + 1;
      while (end < f.size() && (std::isdigit(static_cast<unsigned char>(f[end])) || f[end] == '.')) ++end;
      out.push_back({FilterToken::kNumber, f.substr(i, end - i)});
      i = end;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t end = i + 1;
      while (end < f.size() && (std::isalnum(static_cast<unsigned char>(f[end])) || f[end] == '_' || f[end] == '.')) ++end;
      out.push_back({FilterToken::kWord, f.substr(i, end - i)});
      i = end;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

bool fs_compare(double a, const std::string& op, double b) {
  if (op == "=") return a == b;
  if (op == "!=") return a != b;
  if (op == "<") return a < b;
  if (op == "<=") return a <= b;
  if (op == ">") return a > b;
  return a >= b;
}

// One condition against the metadata.
bool fs_condition(const std::string& key, const std::string& op, const FilterToken& value, const ojson& metadata) {
  bool present = false;
  bool any = false;
  if (metadata.is_array()) {
    for (const ojson& m : metadata) {
      if (!m.is_object() || m.value("key", "") != key) continue;
      present = true;
      if (value.kind == FilterToken::kNumber && m.contains("numericValue") && m["numericValue"].is_number()) {
        any = any || fs_compare(m["numericValue"].get<double>(), op, std::stod(value.text));
      } else if (m.contains("stringValue") && m["stringValue"].is_string()) {
        const std::string s = m["stringValue"].get<std::string>();
        if (op == "=") any = any || s == value.text;
        else if (op == "!=") any = any || s != value.text;
      } else if (m.contains("stringListValue") && m["stringListValue"].is_object()) {
        bool holds = false;
        for (const ojson& v : m["stringListValue"].value("values", ojson::array())) holds = holds || v == value.text;
        if (op == "=") any = any || holds;
        else if (op == "!=") any = any || !holds;
      }
    }
  }
  return present && any;
}

// Evaluates tokens[pos...] as an OR of ANDs; nullopt on a syntax error.
std::optional<bool> fs_eval(const std::vector<FilterToken>& t, const ojson& metadata) {
  if (t.empty()) return true;
  bool result = false;
  bool term = true;
  size_t i = 0;
  while (true) {
    if (i + 3 > t.size()) return std::nullopt;
    if (t[i].kind != FilterToken::kWord || t[i + 1].kind != FilterToken::kOp ||
        (t[i + 2].kind != FilterToken::kString && t[i + 2].kind != FilterToken::kNumber)) {
      return std::nullopt;
    }
    if (t[i + 2].kind == FilterToken::kNumber) {
      try {
        (void)std::stod(t[i + 2].text);
      } catch (...) {
        return std::nullopt;
      }
    }
    term = term && fs_condition(t[i].text, t[i + 1].text, t[i + 2], metadata);
    i += 3;
    if (i == t.size()) return result || term;
    if (t[i].kind != FilterToken::kWord) return std::nullopt;
    const std::string conj = fs_lower(t[i].text);
    ++i;
    if (conj == "or") {
      result = result || term;
      term = true;
    } else if (conj != "and") {
      return std::nullopt;
    }
    if (i >= t.size()) return std::nullopt;
  }
}

// A chunk's text shortened to whole words of at most ~240 bytes, as one sentence.
std::string fs_quote(const std::string& text) {
  std::string flat;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && !flat.empty() && flat.back() == ' ') continue;
    flat += c;
  }
  while (!flat.empty() && flat.back() == ' ') flat.pop_back();
  if (flat.size() > 240) {
    size_t cut = flat.rfind(' ', 240);
    if (cut == std::string::npos || cut < 120) cut = 240;
    while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
    flat = flat.substr(0, cut) + " ...";
  }
  if (!flat.empty() && flat.back() != '.' && flat.back() != '!' && flat.back() != '?') flat += '.';
  return flat;
}

}  // namespace

std::optional<std::string> indexable_text(std::string_view bytes, std::string_view mime_type) {
  const std::string m = fs_base_mime(mime_type);
  if (m == "text/html" || m == "application/xhtml+xml") return fs_strip_html(bytes);
  static const std::set<std::string> kText = {"application/json",  "application/jsonl",     "application/x-ndjson",
                                              "application/xml",   "application/csv",       "application/x-yaml",
                                              "application/yaml",  "application/javascript", "application/x-sh",
                                              "application/sql",   "application/x-python-code"};
  if (m.rfind("text/", 0) == 0 || kText.count(m)) return std::string(bytes);
  return std::nullopt;
}

std::string unsupported_document_reason(std::string_view mime_type) {
  return "Unsupported MIME type " + std::string(mime_type) +
         ": genai-emulator indexes text documents only (text/plain, text/markdown, text/html, text/csv, "
         "application/json, application/xml, ...). PDF, Office and image documents are not indexed.";
}

std::vector<std::string> whitespace_chunks(const std::string& text, int max_tokens, int overlap) {
  std::vector<std::pair<size_t, size_t>> tokens;  // [begin, end) of each word
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size()) break;
    const size_t begin = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    tokens.emplace_back(begin, i);
  }
  std::vector<std::string> chunks;
  if (tokens.empty()) return chunks;
  max_tokens = std::max(1, max_tokens);
  overlap = std::clamp(overlap, 0, max_tokens - 1);
  const size_t step = static_cast<size_t>(max_tokens - overlap);
  for (size_t first = 0; first < tokens.size(); first += step) {
    const size_t last = std::min(tokens.size(), first + static_cast<size_t>(max_tokens)) - 1;
    chunks.push_back(text.substr(tokens[first].first, tokens[last].second - tokens[first].first));
    if (last + 1 >= tokens.size()) break;
  }
  return chunks;
}

std::vector<SearchHit> rank_chunks(const std::string& query, const std::vector<SearchChunk>& chunks, std::size_t top_k) {
  std::vector<SearchHit> hits;
  std::set<std::string> q;
  for (std::string& t : fs_terms(query)) q.insert(std::move(t));
  if (q.empty() || chunks.empty() || top_k == 0) return hits;
  std::vector<std::map<std::string, int>> tf(chunks.size());
  std::vector<size_t> length(chunks.size());
  std::map<std::string, int> df;
  double total = 0;
  for (size_t i = 0; i < chunks.size(); ++i) {
    const std::vector<std::string> terms = fs_terms(chunks[i].text);
    length[i] = terms.size();
    total += static_cast<double>(terms.size());
    for (const std::string& t : terms) {
      if (q.count(t) && tf[i][t]++ == 0) ++df[t];
    }
  }
  const double n = static_cast<double>(chunks.size());
  const double avg = std::max(1.0, total / n);
  constexpr double k1 = 1.2, b = 0.75;
  for (size_t i = 0; i < chunks.size(); ++i) {
    double score = 0;
    for (const auto& [term, f] : tf[i]) {
      const double idf = std::log((n - df[term] + 0.5) / (df[term] + 0.5) + 1.0);
      score += idf * (f * (k1 + 1)) / (f + k1 * (1 - b + b * static_cast<double>(length[i]) / avg));
    }
    if (score > 0) hits.push_back({i, score});
  }
  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
  if (hits.size() > top_k) hits.resize(top_k);
  return hits;
}

std::optional<bool> metadata_matches(const std::string& filter, const ojson& custom_metadata) {
  std::optional<std::vector<FilterToken>> tokens = fs_filter_tokens(filter);
  if (!tokens) return std::nullopt;
  return fs_eval(*tokens, custom_metadata);
}

bool metadata_filter_valid(const std::string& filter) { return metadata_matches(filter, ojson::array()).has_value(); }

FileSearchAnswer file_search_answer(const std::string& prompt, const std::vector<SearchChunk>& chunks,
                                    const std::vector<SearchHit>& hits) {
  FileSearchAnswer a;
  ojson grounding_chunks = ojson::array();
  ojson supports = ojson::array();
  const double best = hits.empty() ? 1.0 : hits.front().score;
  for (size_t i = 0; i < hits.size(); ++i) {
    const SearchChunk& c = chunks[hits[i].index];
    ojson rc;
    rc["uri"] = c.uri;
    rc["title"] = c.title;
    rc["text"] = c.text;
    rc["fileSearchStore"] = c.store;
    if (c.custom_metadata.is_array() && !c.custom_metadata.empty()) rc["customMetadata"] = c.custom_metadata;
    grounding_chunks.push_back(ojson{{"retrievedContext", rc}});
    const std::string sentence = (i == 0 ? "According to " : "Also, ") + c.title + ": " + fs_quote(c.text);
    if (!a.text.empty()) a.text += ' ';
    const size_t start = a.text.size();
    a.text += sentence;
    ojson segment;
    if (start > 0) segment["startIndex"] = start;  // Google leaves a zero out
    segment["endIndex"] = a.text.size();
    segment["text"] = sentence;
    const double confidence = std::round(100.0 * std::clamp(0.5 + 0.5 * hits[i].score / best, 0.0, 1.0)) / 100.0;
    supports.push_back(ojson{{"segment", segment},
                             {"groundingChunkIndices", ojson::array({static_cast<int>(i)})},
                             {"confidenceScores", ojson::array({confidence})}});
  }
  a.grounding = ojson::object();
  a.grounding["groundingChunks"] = std::move(grounding_chunks);
  a.grounding["groundingSupports"] = std::move(supports);
  std::string query;
  for (const std::string& w : fs_words(prompt)) query += (query.empty() ? "" : " ") + w;
  a.grounding["retrievalQueries"] = ojson::array({query});
  return a;
}

}  // namespace genai::emulator
