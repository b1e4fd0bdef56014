// genai chat: a conversation at the terminal or over a pipe. Each line is a
// message (answers stream as they come); lines starting with "/" are
// commands. On a terminal a prompt is printed; piped input gets none, so
// `printf 'Hi\nMore\n' | genai chat` prints only the answers.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/app.h"
#include "cli/safety.h"

namespace genai::cli {
namespace {

struct ChatOptions {
  std::string model;
  std::string system;
  std::string history_file;
  bool no_stream = false;
  std::vector<std::string> safety;  // --safety CATEGORY=THRESHOLD
};

constexpr const char* kHelp =
    "commands: /reset (forget the conversation), /save FILE (history as JSON, mode 600), "
    "/load FILE, /history, /exit\n";

// The history may hold personal data: written owner-only (whatever the umask
// or the mode of a file it replaces), atomically, so a failed /save never
// destroys the previous file.
Result<void> save_history(const Chat& chat, const std::string& path) {
  return write_file_atomically(path, chat.history_json().dump(2) + "\n", /*overwrite=*/true, 0600);
}

Result<std::vector<Content>> load_history(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_invalid_argument_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  const Json j = Json::parse(ss.str(), nullptr, false);
  if (j.is_discarded()) return make_invalid_argument_error(path + " is not JSON");
  return Chat::history_from_json(j);
}

// A blocked turn is explained; the Chat keeps it out of the history, so the
// conversation goes on as if it had not been sent.
int report_blocked_turn(const Block& block) {
  const int code = report_block(block);
  std::cerr << "genai: this message and its answer are not kept in the conversation\n";
  return code;
}

// Sends one message and prints the answer; returns 0 or the exit code of the
// error or block.
int send_line(Chat& chat, const std::string& line, bool stream) {
  if (!stream) {
    Result<GenerateContentResponse> r = chat.send_message(line);
    if (!r) return report(r.error());
    if (std::optional<Block> block = r->blocked()) return report_blocked_turn(*block);
    std::cout << r->text() << "\n" << std::flush;
    return kExitOk;
  }
  bool ends_with_newline = true;
  int status = kExitOk;
  std::optional<Block> block;
  for (Result<GenerateContentResponse>& chunk : chat.send_message_stream(line)) {
    if (!chunk) {
      if (!ends_with_newline) std::cout << std::endl;
      ends_with_newline = true;
      status = report(chunk.error());
      break;
    }
    if (!block) block = chunk->blocked();
    const std::string text = chunk->text();
    if (!text.empty()) {
      std::cout << text << std::flush;
      ends_with_newline = text.back() == '\n';
    }
  }
  if (!ends_with_newline) std::cout << "\n";
  std::cout << std::flush;
  if (block && status == kExitOk) status = report_blocked_turn(*block);
  return status;
}

int run_chat(AppContext& ctx, const ChatOptions& o) {
  int code = kExitOk;
  std::optional<Client> client = make_client(ctx.global, &code);
  if (!client) return code;
  GenerateContentConfig config;
  if (!o.system.empty()) config.system_instruction = Content::from_text(o.system);
  std::optional<std::vector<SafetySetting>> safety = safety_settings_from(o.safety);
  if (!safety) return kExitUsage;
  config.safety_settings = std::move(*safety);
  const std::string model = text_model(o.model);
  std::vector<Content> history;
  if (!o.history_file.empty()) {
    Result<std::vector<Content>> loaded = load_history(o.history_file);
    if (!loaded) return report(loaded.error());
    history = std::move(*loaded);
  }
  Chat chat = client->chats().create(model, config, history);

  const bool terminal = isatty(STDIN_FILENO) == 1;
  const bool stream = !o.no_stream;
  if (terminal) std::cout << "Chatting with " << model << ". " << kHelp;
  int last_error = kExitOk;
  std::string line;
  while (true) {
    if (terminal) std::cout << "> " << std::flush;
    if (!std::getline(std::cin, line)) break;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] != '/') {
      const int status = send_line(chat, line, stream);
      if (status != kExitOk) last_error = status;
      if (interrupted()) return kExitInterrupted;
      continue;
    }
    std::istringstream words(line);
    std::string command, arg;
    words >> command;
    std::getline(words >> std::ws, arg);
    if (command == "/exit" || command == "/quit") break;
    if (command == "/reset") {
      chat.clear_history();
      std::cerr << "genai: conversation reset\n";
    } else if (command == "/save" && !arg.empty()) {
      // A failed save is the user's file, not the program's fault: reported
      // with its fix and exit code like a failed /load, and the chat goes on.
      if (Result<void> saved = save_history(chat, arg)) {
        std::cerr << "genai: saved " << chat.history().size() << " turns to " << arg << "\n";
      } else {
        last_error = report(saved.error());
      }
    } else if (command == "/load" && !arg.empty()) {
      Result<std::vector<Content>> loaded = load_history(arg);
      if (!loaded) {
        last_error = report(loaded.error());
      } else {
        chat = client->chats().create(model, config, std::move(*loaded));
        std::cerr << "genai: loaded " << chat.history().size() << " turns from " << arg << "\n";
      }
    } else if (command == "/history") {
      std::cout << chat.history_json().dump(2) << "\n";
    } else {
      std::cerr << "genai: unknown command " << line << "; " << kHelp;
    }
  }
  // Piped input: a failed turn makes the run fail, so scripts notice.
  return terminal ? kExitOk : last_error;
}

}  // namespace

void add_chat_command(CLI::App& app, AppContext& ctx) {
  auto o = std::make_shared<ChatOptions>();
  CLI::App* cmd = app.add_subcommand("chat", "Chat with a model: one message per line (commands: /reset /save /load /exit)");
  cmd->footer(
      "Examples:\n  genai chat\n  printf 'My name is Ada.\\nWhat is my name?\\n' | genai chat\n"
      "  genai chat --history talk.json     (continue a conversation saved with /save talk.json)");
  cmd->add_option("-m,--model", o->model, "Model (default $GENAI_MODEL or gemini-2.5-flash)");
  cmd->add_option("-s,--system", o->system, "System instruction");
  cmd->add_option("--history", o->history_file, "Start from a history saved with /save")->check(CLI::ExistingFile);
  cmd->add_flag("--no-stream", o->no_stream, "Wait for each whole answer");
  add_safety_option(cmd, o->safety);
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return run_chat(ctx, *o); }; });
}

}  // namespace genai::cli
