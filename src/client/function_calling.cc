#include "client/function_calling.h"

#include <map>

#include "core/errors.h"

namespace genai::internal {

bool automatic_function_calling_enabled(const GenerateContentConfig& config) {
  if (config.automatic_function_calling && config.automatic_function_calling->disable) return false;
  for (const Tool& t : config.tools) {
    if (!t.callables.empty()) return true;
  }
  return false;
}

Result<GenerateContentResponse> generate_with_functions(const Models& models, std::string_view model,
                                                        const std::vector<Content>& contents,
                                                        const GenerateContentConfig& config) {
  std::map<std::string, const CallableFunction*> functions;
  for (const Tool& t : config.tools) {
    for (const CallableFunction& f : t.callables) functions[f.declaration.name] = &f;
  }
  const int max_calls = config.automatic_function_calling ? config.automatic_function_calling->maximum_remote_calls : 10;
  GenerateContentConfig once = config;
  once.automatic_function_calling = AutomaticFunctionCallingConfig{true, 0};

  std::vector<Content> history = contents;
  for (int call = 1;; ++call) {
    Result<GenerateContentResponse> r = models.generate_content(model, history, once);
    if (!r) return r;
    const std::vector<FunctionCall> calls = r->function_calls();
    bool all_callable = !calls.empty();
    for (const FunctionCall& c : calls) all_callable = all_callable && functions.count(c.name) > 0;
    // Functions run only when their results can still be sent: running side
    // effects whose results the model never sees would surprise.
    if (!all_callable || call >= max_calls) {
      if (history.size() > contents.size()) r->automatic_function_calling_history = std::move(history);
      return r;
    }
    Content responses{"user", {}};  // python-genai sends function responses with role "user"
    for (const FunctionCall& c : calls) {
      Json out;
      try {
        out = functions[c.name]->fn(c.args);
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
    history.push_back(*r->candidates[0].content);
    history.push_back(std::move(responses));
  }
}

}  // namespace genai::internal
