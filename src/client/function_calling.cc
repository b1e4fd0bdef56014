#include "client/function_calling.h"

#include <map>
#include <memory>
#include <mutex>

#include "core/errors.h"

namespace genai::internal {
namespace {

using FunctionMap = std::map<std::string, const CallableFunction*>;

// The callables of `config` by name; they point into `config`, which must outlive the map.
FunctionMap functions_of(const std::vector<Tool>& tools) {
  FunctionMap functions;
  for (const Tool& t : tools) {
    for (const CallableFunction& f : t.callables) functions[f.declaration.name] = &f;
  }
  return functions;
}

int max_calls_of(const GenerateContentConfig& config) {
  return config.automatic_function_calling ? config.automatic_function_calling->maximum_remote_calls : 10;
}

GenerateContentConfig without_afc(const GenerateContentConfig& config) {
  GenerateContentConfig once = config;
  once.automatic_function_calling = AutomaticFunctionCallingConfig{true, 0};
  return once;
}

// Functions run only when their results can still be sent: running side
// effects whose results the model never sees would surprise.
bool should_run(const FunctionMap& functions, const std::vector<FunctionCall>& calls, int call, int max_calls) {
  bool all_callable = !calls.empty();
  for (const FunctionCall& c : calls) all_callable = all_callable && functions.count(c.name) > 0;
  return all_callable && call < max_calls;
}

// Runs `calls`; the user turn of their responses, or the error of a throwing callable.
Result<Content> run_calls(const FunctionMap& functions, const std::vector<FunctionCall>& calls) {
  Content responses{"user", {}};  // python-genai sends function responses with role "user"
  for (const FunctionCall& c : calls) {
    Json out;
    try {
      out = functions.at(c.name)->fn(c.args);
    } catch (const std::exception& e) {
      return invalid_argument("the function " + c.name + " called for the model threw: " + e.what(),
                              "Fix the function, or catch the error and return it as {\"error\": ...}.");
    } catch (...) {
      return invalid_argument("the function " + c.name + " called for the model threw a non-standard exception",
                              "Fix the function, or catch the error and return it as {\"error\": ...}.");
    }
    // The API wants an object; wrap other values as python-genai does.
    if (!out.is_object()) out = Json{{"result", std::move(out)}};
    Part p = Part::from_function_response(c.name, std::move(out));
    p.function_response->id = c.id;
    responses.parts.push_back(std::move(p));
  }
  return responses;
}

// The state of one streamed AFC loop, shared by the reader and the canceller.
struct AfcStream {
  Models models;
  std::string model;
  GenerateContentConfig config;  // owns the callables `functions` points into
  GenerateContentConfig once;
  FunctionMap functions;
  int max_calls = 10;
  std::vector<Content> history;
  size_t input_size = 0;
  int call = 1;
  Content turn{"model", {}};
  std::vector<FunctionCall> calls;
  bool blocked = false;  // the current turn was withheld by a filter
  std::mutex mu;  // guards `inner` and `cancelled` against cancel() from another thread
  Stream<GenerateContentResponse> inner;
  bool cancelled = false;

  explicit AfcStream(Models m) : models(std::move(m)) {}
};

}  // namespace

bool automatic_function_calling_enabled(const GenerateContentConfig& config) {
  if (config.automatic_function_calling && config.automatic_function_calling->disable) return false;
  for (const Tool& t : config.tools) {
    if (!t.callables.empty()) return true;
  }
  return false;
}

void append_parts(Content& into, const std::vector<Part>& parts) {
  for (const Part& p : parts) {
    const bool plain_text = p.text && !p.function_call && !p.inline_data && !p.thought_signature;
    if (plain_text && !into.parts.empty()) {
      Part& last = into.parts.back();
      const bool last_plain = last.text && !last.function_call && !last.inline_data && !last.thought_signature;
      if (last_plain && last.thought.value_or(false) == p.thought.value_or(false)) {
        *last.text += *p.text;
        continue;
      }
    }
    into.parts.push_back(p);
  }
}

Result<GenerateContentResponse> generate_with_functions(const Models& models, std::string_view model,
                                                        const std::vector<Content>& contents,
                                                        const GenerateContentConfig& config) {
  const FunctionMap functions = functions_of(config.tools);
  const int max_calls = max_calls_of(config);
  const GenerateContentConfig once = without_afc(config);
  std::vector<Content> history = contents;
  for (int call = 1;; ++call) {
    Result<GenerateContentResponse> r = models.generate_content(model, history, once);
    if (!r) return r;
    // A blocked answer ends the loop: calls in a withheld candidate are not run.
    const std::vector<FunctionCall> calls = r->blocked() ? std::vector<FunctionCall>{} : r->function_calls();
    if (!should_run(functions, calls, call, max_calls)) {
      if (history.size() > contents.size()) r->automatic_function_calling_history = std::move(history);
      return r;
    }
    Result<Content> responses = run_calls(functions, calls);
    if (!responses) return std::move(responses).error();
    history.push_back(*r->candidates[0].content);
    history.push_back(std::move(*responses));
  }
}

Stream<GenerateContentResponse> stream_with_functions(const Models& models, std::string_view model,
                                                      const std::vector<Content>& contents,
                                                      const GenerateContentConfig& config) {
  auto s = std::make_shared<AfcStream>(models);
  s->model = std::string(model);
  s->config = config;
  s->once = without_afc(s->config);
  s->functions = functions_of(s->config.tools);
  s->max_calls = max_calls_of(s->config);
  s->history = contents;
  s->input_size = contents.size();
  s->inner = s->models.generate_content_stream(s->model, s->history, s->once);
  return Stream<GenerateContentResponse>(
      [s]() -> std::optional<Result<GenerateContentResponse>> {
        while (true) {
          std::optional<Result<GenerateContentResponse>> item = s->inner.next();
          if (item) {
            if (!item->ok()) return item;
            GenerateContentResponse& chunk = **item;
            if (!chunk.candidates.empty() && chunk.candidates[0].content) {
              append_parts(s->turn, chunk.candidates[0].content->parts);
            }
            for (FunctionCall& c : chunk.function_calls()) s->calls.push_back(std::move(c));
            // A filter stopped this turn: its calls are withheld too, so the loop ends here.
            if (chunk.blocked()) s->blocked = true;
            if (s->history.size() > s->input_size) chunk.automatic_function_calling_history = s->history;
            return item;
          }
          // The turn ended: run its calls and stream the next one, or stop.
          if (s->blocked || !should_run(s->functions, s->calls, s->call, s->max_calls)) return std::nullopt;
          Result<Content> responses = run_calls(s->functions, s->calls);
          if (!responses) return Result<GenerateContentResponse>(std::move(responses).error());
          s->history.push_back(std::move(s->turn));
          s->history.push_back(std::move(*responses));
          s->turn = Content{"model", {}};
          s->calls.clear();
          ++s->call;
          Stream<GenerateContentResponse> next = s->models.generate_content_stream(s->model, s->history, s->once);
          std::lock_guard<std::mutex> lock(s->mu);
          if (s->cancelled) return Result<GenerateContentResponse>(cancelled_error());
          s->inner = std::move(next);
        }
      },
      [s]() {
        std::lock_guard<std::mutex> lock(s->mu);
        s->cancelled = true;
        s->inner.cancel();
      });
}

std::optional<Result<Content>> run_function_calls(const std::vector<Tool>& tools,
                                                  const std::vector<FunctionCall>& calls) {
  const FunctionMap functions = functions_of(tools);
  if (!should_run(functions, calls, 0, 1)) return std::nullopt;
  return run_calls(functions, calls);
}

}  // namespace genai::internal
