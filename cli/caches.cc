// genai caches create | list | get | update | delete: context caches.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/app.h"
#include "cli/number_flags.h"
#include "cli/table.h"

namespace genai::cli {
namespace {

struct CacheOptions {
  std::string model;
  std::vector<std::string> files;
  std::vector<std::string> texts;
  std::string system;
  std::string ttl;
  std::string expire_time;
  std::string display_name;
  std::string name;
  int page_size = 0;
  bool json = false;
};

// "90s", "10m", "2h", "1d" or plain seconds, as Google's "600s".
std::optional<std::string> ttl_seconds(const std::string& text) {
  if (text.empty()) return std::nullopt;
  size_t used = 0;
  long long n = 0;
  try {
    n = std::stoll(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  const std::string unit = text.substr(used);
  long long factor = 0;
  if (unit.empty() || unit == "s") factor = 1;
  if (unit == "m") factor = 60;
  if (unit == "h") factor = 3600;
  if (unit == "d") factor = 86400;
  if (factor == 0 || n <= 0) return std::nullopt;
  return std::to_string(n * factor) + "s";
}

int usage_error(const std::string& message, const std::string& fix) {
  std::cerr << "genai: error: " << message << "\n  fix: " << fix << "\n";
  return kExitUsage;
}

std::string tokens_of(const CachedContent& c) {
  return c.usage_metadata && c.usage_metadata->total_token_count ? std::to_string(*c.usage_metadata->total_token_count)
                                                                : "";
}

void print_cache(const CachedContent& c, bool json) {
  if (json) {
    std::cout << c.raw->dump(2) << "\n";
    return;
  }
  std::cout << "name:          " << c.name << "\n";
  if (c.display_name && !c.display_name->empty()) std::cout << "display name:  " << *c.display_name << "\n";
  std::cout << "model:         " << c.model << "\n";
  std::cout << "tokens:        " << tokens_of(c) << "\n";
  if (c.create_time) std::cout << "created:       " << *c.create_time << "\n";
  if (c.expire_time) std::cout << "expires:       " << *c.expire_time << "\n";
}

int run_create(const GlobalOptions& g, const CacheOptions& o) {
  CreateCachedContentConfig cfg;
  for (const std::string& path : o.files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return usage_error("cannot read " + path, "Check the path given to --file.");
    std::stringstream ss;
    ss << in.rdbuf();
    cfg.contents.push_back(Content::from_text(ss.str()));
  }
  for (const std::string& t : o.texts) cfg.contents.push_back(Content::from_text(t));
  if (cfg.contents.empty() && o.system.empty()) {
    return usage_error("nothing to cache", "Give --file FILE, --text TEXT or --system TEXT.");
  }
  if (!o.system.empty()) cfg.system_instruction = Content::from_text(o.system);
  if (!o.ttl.empty()) {
    std::optional<std::string> ttl = ttl_seconds(o.ttl);
    if (!ttl) return usage_error("--ttl '" + o.ttl + "' is not a duration", "Use e.g. 90s, 10m, 2h or 1d.");
    cfg.ttl = *ttl;
  }
  if (!o.expire_time.empty()) cfg.expire_time = o.expire_time;
  if (!o.display_name.empty()) cfg.display_name = o.display_name;
  int code = kExitOk;
  std::optional<Client> client = make_client(g, &code);
  if (!client) return code;
  Result<CachedContent> c = client->caches().create(o.model, cfg);
  if (!c) return report(c.error());
  if (o.json) {
    print_cache(*c, true);
  } else {
    std::cout << c->name << "\n";  // only the name, so $(genai caches create ...) works
  }
  return kExitOk;
}

int run_list(const GlobalOptions& g, const CacheOptions& o) {
  int code = kExitOk;
  std::optional<Client> client = make_client(g, &code);
  if (!client) return code;
  std::vector<std::vector<std::string>> rows;
  for (Result<CachedContent>& c : client->caches().list({.page_size = o.page_size})) {
    if (!c) return report(c.error());
    if (o.json) {
      std::cout << c->raw->dump() << "\n";
      continue;
    }
    rows.push_back({c->name, c->display_name.value_or(""), c->model, tokens_of(*c), c->expire_time.value_or("")});
  }
  if (o.json) return kExitOk;
  if (rows.empty()) {
    std::cout << "No context caches.\n";
    return kExitOk;
  }
  // Aligned columns, never wrapped: a name is for copying (as gcloud's lists).
  const std::vector<std::string> header = {"NAME", "DISPLAY NAME", "MODEL", "TOKENS", "EXPIRES"};
  rows.insert(rows.begin(), header);
  std::vector<size_t> widths(header.size(), 0);
  for (const auto& row : rows) {
    for (size_t col = 0; col < row.size(); ++col) widths[col] = std::max(widths[col], display_width(row[col]));
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t col = 0; col < row.size(); ++col) {
      line += row[col];
      if (col + 1 < row.size()) line += std::string(widths[col] - display_width(row[col]) + 2, ' ');
    }
    std::cout << line << "\n";
  }
  return kExitOk;
}

}  // namespace

void add_caches_command(CLI::App& app, AppContext& ctx) {
  auto o = std::make_shared<CacheOptions>();
  CLI::App* caches = app.add_subcommand("caches", "Context caches: a large prompt prefix stored once, used by many requests");
  caches->require_subcommand(1);
  caches->footer(
      "Examples:\n  name=$(genai caches create --model gemini-2.5-flash --file book.txt --ttl 1h)\n"
      "  genai generate --model gemini-2.5-flash --cached-content \"$name\" \"Who is the narrator?\"\n"
      "  genai caches update \"$name\" --ttl 2h\n  genai caches list\n  genai caches delete \"$name\"");
  auto bind = [&ctx, o](CLI::App* cmd, int (*run)(const GlobalOptions&, const CacheOptions&)) {
    cmd->callback([&ctx, o, run] { ctx.action = [&ctx, o, run] { return run(ctx.global, *o); }; });
  };

  CLI::App* create = caches->add_subcommand("create", "Create a cache; prints its name");
  create->add_option("-m,--model", o->model, "The model the cache is for (a cache works only with it)")->required();
  create->add_option("-f,--file", o->files, "A text file to cache (repeatable)")->check(CLI::ExistingFile);
  create->add_option("--text", o->texts, "Text to cache (repeatable)");
  create->add_option("-s,--system", o->system, "System instruction kept in the cache");
  create->add_option("--ttl", o->ttl, "Lifetime: 90s, 10m, 2h, 1d (Google's default: 1h)");
  create->add_option("--expire-time", o->expire_time, "Expiry as RFC 3339, e.g. 2030-01-01T00:00:00Z")->excludes("--ttl");
  create->add_option("--display-name", o->display_name, "A name for people");
  create->add_flag("--json", o->json, "Print the whole resource as JSON");
  bind(create, run_create);

  CLI::App* list = caches->add_subcommand("list", "List your caches (all pages)");
  list->add_option("--page-size", o->page_size, "Caches per request")->transform(whole_number_in(1, 1000));
  list->add_flag("--json", o->json, "Print one JSON object per cache");
  bind(list, run_list);

  CLI::App* get = caches->add_subcommand("get", "Show one cache");
  get->add_option("name", o->name, "cachedContents/ID (or the ID)")->required();
  get->add_flag("--json", o->json, "Print the raw JSON");
  bind(get, [](const GlobalOptions& g, const CacheOptions& opt) -> int {
    int code = kExitOk;
    std::optional<Client> client = make_client(g, &code);
    if (!client) return code;
    Result<CachedContent> c = client->caches().get(opt.name);
    if (!c) return report(c.error());
    print_cache(*c, opt.json);
    return kExitOk;
  });

  CLI::App* update = caches->add_subcommand("update", "Change when a cache expires (nothing else can change)");
  update->add_option("name", o->name, "cachedContents/ID (or the ID)")->required();
  CLI::Option* ttl = update->add_option("--ttl", o->ttl, "New lifetime from now: 90s, 10m, 2h, 1d");
  CLI::Option* expire = update->add_option("--expire-time", o->expire_time, "New expiry as RFC 3339")->excludes(ttl);
  update->add_flag("--json", o->json, "Print the raw JSON");
  bind(update, [](const GlobalOptions& g, const CacheOptions& opt) -> int {
    UpdateCachedContentConfig cfg;
    if (!opt.ttl.empty()) {
      std::optional<std::string> t = ttl_seconds(opt.ttl);
      if (!t) return usage_error("--ttl '" + opt.ttl + "' is not a duration", "Use e.g. 90s, 10m, 2h or 1d.");
      cfg.ttl = *t;
    } else if (!opt.expire_time.empty()) {
      cfg.expire_time = opt.expire_time;
    } else {
      return usage_error("nothing to update", "Give --ttl or --expire-time.");
    }
    int code = kExitOk;
    std::optional<Client> client = make_client(g, &code);
    if (!client) return code;
    Result<CachedContent> c = client->caches().update(opt.name, cfg);
    if (!c) return report(c.error());
    print_cache(*c, opt.json);
    return kExitOk;
  });
  (void)expire;

  CLI::App* del = caches->add_subcommand("delete", "Delete a cache");
  del->add_option("name", o->name, "cachedContents/ID (or the ID)")->required();
  bind(del, [](const GlobalOptions& g, const CacheOptions& opt) -> int {
    int code = kExitOk;
    std::optional<Client> client = make_client(g, &code);
    if (!client) return code;
    Result<void> r = client->caches().delete_(opt.name);
    if (!r) return report(r.error());
    std::cout << "Deleted " << opt.name << "\n";
    return kExitOk;
  });
}

}  // namespace genai::cli
