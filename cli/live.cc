// genai live: a Live API session from the terminal. Text: each line of stdin
// is a turn and the answer streams as it arrives. Audio: a WAV file is
// resampled to 16 kHz and streamed, and the spoken reply (24 kHz) is written
// to a WAV file atomically; transcripts and events print as they arrive.
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "cli/app.h"

namespace genai::cli {
namespace {

struct LiveFlags {
  std::string model = "gemini-live-2.5-flash-preview";
  std::string system;
  std::string voice;
  std::string audio_in;
  std::string audio_out;
  bool transcript = false;
  bool resume = false;
  bool transparent = false;
  bool json = false;
};

std::string live_seconds_of(const PcmAudio& a) {
  const double frames = static_cast<double>(a.samples.size()) / (2.0 * a.channels);
  std::ostringstream out;
  out.precision(2);
  out << std::fixed << frames / a.sample_rate;
  return out.str();
}

// Prints what one message says; appends its audio to `audio`. True at the
// end of the model's turn.
bool live_show(Lang lang, const LiveFlags& f, const LiveServerMessage& m, PcmAudio& audio) {
  if (f.json) std::cout << m.raw->dump() << "\n" << std::flush;
  if (m.server_content) {
    const LiveServerContent& c = *m.server_content;
    if (!f.json && m.text()) std::cout << *m.text() << std::flush;
    if (auto a = m.audio()) {
      audio.sample_rate = a->sample_rate;
      audio.samples += a->samples;
    }
    if (f.transcript && c.input_transcription && c.input_transcription->text) {
      std::cerr << tr(lang, M::kLiveInputTranscript, {*c.input_transcription->text}) << "\n";
    }
    if (f.transcript && c.output_transcription && c.output_transcription->text) {
      std::cerr << tr(lang, M::kLiveOutputTranscript, {*c.output_transcription->text}) << "\n";
    }
    if (c.interrupted.value_or(false)) std::cerr << tr(lang, M::kLiveInterrupted) << "\n";
    if (c.turn_complete.value_or(false)) {
      if (!f.json) std::cout << "\n" << std::flush;
      return true;
    }
  }
  if (m.tool_call) {
    for (const FunctionCall& call : m.tool_call->function_calls) {
      std::cerr << tr(lang, M::kLiveToolCall, {call.name, call.args.dump()}) << "\n";
    }
  }
  if (m.go_away) std::cerr << tr(lang, M::kLiveGoAway, {m.go_away->time_left.value_or("?")}) << "\n";
  return false;
}

// Reads until the model's turn is complete. Returns an exit code, or -1 to go on.
int live_read_turn(Lang lang, const LiveFlags& f, LiveSession& session, PcmAudio& audio) {
  for (;;) {
    if (interrupted()) return kExitInterrupted;
    Result<std::optional<LiveServerMessage>> m = session.receive();
    if (!m) return report(m.error());
    if (!*m) {
      std::cerr << tr(lang, M::kLiveEnded) << "\n";
      return kExitOk;
    }
    if (live_show(lang, f, **m, audio)) return -1;
  }
}

int live_run_audio(Lang lang, const LiveFlags& f, LiveSession& session, const PcmAudio* pcm, int source_rate) {
  // 100 ms chunks, as a microphone would deliver them.
  constexpr size_t kChunk = 3200;
  for (size_t at = 0; at < pcm->samples.size(); at += kChunk) {
    if (interrupted()) return kExitInterrupted;
    Result<void> r = session.send_realtime_input(
        LiveRealtimeInput::pcm(std::string_view(pcm->samples).substr(at, kChunk), 16000));
    if (!r) return report(r.error());
  }
  LiveRealtimeInput end;
  end.audio_stream_end = true;
  if (Result<void> r = session.send_realtime_input(end); !r) return report(r.error());
  std::cerr << tr(lang, M::kLiveSentAudio, {live_seconds_of(*pcm), f.audio_in, std::to_string(source_rate)}) << "\n";
  PcmAudio reply;
  reply.sample_rate = 24000;
  if (int code = live_read_turn(lang, f, session, reply); code >= 0) return code;
  if (f.audio_out.empty()) return kExitOk;
  if (reply.samples.empty()) {
    std::cerr << "genai: error: " << tr(lang, M::kLiveNoAudio, {f.audio_out}) << "\n";
    return kExitApi;
  }
  if (Result<void> w = reply.save_wav(f.audio_out); !w) return report(w.error());
  std::cerr << tr(lang, M::kLiveWroteAudio, {f.audio_out, live_seconds_of(reply), std::to_string(reply.sample_rate)})
            << "\n";
  return kExitOk;
}

int live_run_text(Lang lang, const LiveFlags& f, LiveSession& session) {
  const bool terminal = stdout_is_terminal();
  std::string line;
  for (;;) {
    if (terminal) std::cerr << "> " << std::flush;
    if (!std::getline(std::cin, line)) return kExitOk;
    if (interrupted()) return kExitInterrupted;
    if (line.empty()) continue;
    if (Result<void> r = session.send_client_content({Content::from_text(line)}); !r) return report(r.error());
    PcmAudio ignored;
    if (int code = live_read_turn(lang, f, session, ignored); code >= 0) return code;
  }
}

}  // namespace

void add_live_command(CLI::App& app, AppContext& ctx) {
  auto f = std::make_shared<LiveFlags>();
  CLI::App* cmd = app.add_subcommand("live", "Talk to a model over the Live API (text REPL, or a WAV file in and out)");
  cmd->footer(
      "Text: each line of stdin is one turn; the answer is printed as it streams.\n"
      "Audio: --audio-in is resampled to 16 kHz mono and streamed; the spoken reply\n"
      "(24 kHz) is written to --audio-out atomically. Without --audio-out the reply is text.\n"
      "\nExamples:\n"
      "  genai live\n"
      "  echo \"What is the capital of France?\" | genai live\n"
      "  genai live --audio-in question.wav --audio-out reply.wav --transcript\n"
      "  genai live --vertex --project P --location us-central1 -m gemini-live-2.5-flash\n"
      "\nAn ephemeral token (auth_tokens/...) works as the API key (--api-key-file).\n"
      "--resume resumes the session by itself after a dropped connection or a goAway;\n"
      "--transparent (Vertex AI) also replays the audio the server had not taken in yet.");
  cmd->add_option("-m,--model", f->model, "Live model (default gemini-live-2.5-flash-preview)");
  cmd->add_option("-s,--system", f->system, "System instruction");
  cmd->add_option("--voice", f->voice, "Prebuilt voice of the spoken reply (Kore, Puck, Charon, ...)");
  cmd->add_option("--audio-in", f->audio_in, "A 16-bit PCM WAV file to send as speech (any rate; resampled to 16 kHz)");
  cmd->add_option("--audio-out", f->audio_out, "Write the spoken reply (24 kHz WAV) to this file");
  cmd->add_flag("--transcript", f->transcript, "Print transcripts of the speech in and out (on stderr)");
  cmd->add_flag("--resume", f->resume, "Session resumption: survive dropped connections and goAway");
  cmd->add_flag("--transparent", f->transparent,
                "Transparent resumption (Vertex AI, implies --resume): every message the server had not taken in "
                "when the line dropped is sent again, audio included");
  cmd->add_flag("--json", f->json, "Print each server message as one line of JSON");
  cmd->callback([&ctx, f] {
    ctx.action = [&ctx, f]() -> int {
      const Lang lang = lang_of(ctx.global);
      int code = kExitOk;
      std::optional<Client> client = make_client(ctx.global, &code);
      if (!client) return code;
      install_interrupt_handler();
      LiveConnectConfig config;
      const bool speak = !f->audio_out.empty();
      config.response_modalities = {speak ? "AUDIO" : "TEXT"};
      if (!f->system.empty()) config.system_instruction = Content::from_text(f->system);
      if (!f->voice.empty()) config.speech_config = SpeechConfig{VoiceConfig::prebuilt(f->voice), {}, {}};
      if (f->transcript) {
        if (!f->audio_in.empty()) config.input_audio_transcription = AudioTranscriptionConfig{};
        if (speak) config.output_audio_transcription = AudioTranscriptionConfig{};
      }
      if (f->resume || f->transparent) config.session_resumption = SessionResumptionConfig{};
      if (f->transparent) config.session_resumption->transparent = true;
      // The input is read before connecting: a bad file costs no session.
      std::optional<PcmAudio> pcm;
      int source_rate = 0;
      if (!f->audio_in.empty()) {
        Result<PcmAudio> in = PcmAudio::load_wav(f->audio_in);
        if (!in) return report(in.error());
        source_rate = in->sample_rate;
        Result<PcmAudio> resampled = in->resample(16000);
        if (!resampled) return report(resampled.error());
        pcm = std::move(*resampled);
      }
      Result<std::unique_ptr<LiveSession>> session = client->live().connect(f->model, config);
      if (!session) return report(session.error());
      std::cerr << tr(lang, M::kLiveConnected, {f->model, (*session)->session_id().value_or("-")}) << "\n";
      const int result = pcm ? live_run_audio(lang, *f, **session, &*pcm, source_rate) : live_run_text(lang, *f, **session);
      (*session)->close();
      return result;
    };
  });
}

}  // namespace genai::cli
