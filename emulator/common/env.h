// ServerEnv: all of the emulator's state and collaborators, in one injectable
// object (as cloud-spanner-emulator's ServerEnv). Route handlers receive it by
// reference; tests can build their own.
#ifndef GENAI_EMULATOR_COMMON_ENV_H_
#define GENAI_EMULATOR_COMMON_ENV_H_

#include <memory>
#include <string>

#include "emulator/common/options.h"

namespace genai::emulator {

class Clock;          // server/clock.h: injectable wall clock (tests can advance it)
class State;          // state/state.h: projects, IAM, APIs, keys, service accounts, tokens, counters
class FaultInjector;  // faults/faults.h: fault injection per route and rate
class TextGenerator;  // backend/generator.h: deterministic, seedable model output
class CacheStore;     // state/caches.h: context caches (cachedContents) with their expiry
class OperationStore; // state/operations.h: long-running operations (Veo) and the videos they made
class TuningStore;    // state/tunings.h: Vertex AI tuning jobs and the tuned models they made
class OperationStore; // state/operations.h: long-running operations (Veo)
class FileStore;      // state/files.h: the Files API's files (uploaded, and Veo's videos) and uploads
class StorageStore;   // state/storage.h: Cloud Storage buckets, objects and upload sessions
class BatchStore;     // state/batches.h: batch jobs (batches/, batchPredictionJobs)
class LiveStore;      // state/live_store.h: Live API sessions, resumption handles, ephemeral tokens
class FileSearchState;  // state/file_search.h: File Search stores, their documents and operations

class ServerEnv {
 public:
  explicit ServerEnv(ServerOptions options);
  ~ServerEnv();
  ServerEnv(const ServerEnv&) = delete;
  ServerEnv& operator=(const ServerEnv&) = delete;

  const ServerOptions& options() const { return options_; }
  Clock& clock() { return *clock_; }
  State& state() { return *state_; }
  FaultInjector& faults() { return *faults_; }
  TextGenerator& generator() { return *generator_; }
  CacheStore& caches() { return *caches_; }
  OperationStore& operations() { return *operations_; }
  TuningStore& tunings() { return *tunings_; }
  BatchStore& batches() { return *batches_; }
  FileStore& files() { return *files_; }
  StorageStore& storage() { return *storage_; }
  LiveStore& live() { return *live_; }
  FileSearchState& file_search() { return *file_search_; }

  // The externally visible base URL ("http://127.0.0.1:PORT"), known once bound;
  // used for token_uri in issued key files and for self-links.
  const std::string& base_url() const { return base_url_; }
  void set_base_url(std::string url) { base_url_ = std::move(url); }

 private:
  ServerOptions options_;
  std::string base_url_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<State> state_;
  std::unique_ptr<FaultInjector> faults_;
  std::unique_ptr<TextGenerator> generator_;
  std::unique_ptr<CacheStore> caches_;
  std::unique_ptr<OperationStore> operations_;
  std::unique_ptr<TuningStore> tunings_;
  std::unique_ptr<BatchStore> batches_;
  std::unique_ptr<FileStore> files_;
  std::unique_ptr<StorageStore> storage_;
  std::unique_ptr<LiveStore> live_;
  std::unique_ptr<FileSearchState> file_search_;
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_COMMON_ENV_H_
