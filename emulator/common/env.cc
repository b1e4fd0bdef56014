#include "emulator/common/env.h"

#include "emulator/backend/generator.h"
#include "emulator/common/clock.h"
#include "emulator/common/fault_injector.h"
#include "emulator/state/caches.h"
#include "emulator/state/batches.h"
#include "emulator/state/file_search.h"
#include "emulator/state/files.h"
#include "emulator/state/live_store.h"
#include "emulator/state/operations.h"
#include "emulator/state/tunings.h"
#include "emulator/state/state.h"
#include "emulator/state/storage.h"

namespace genai::emulator {

ServerEnv::ServerEnv(ServerOptions options)
    : options_(std::move(options)),
      clock_(std::make_unique<Clock>()),
      state_(std::make_unique<State>()),
      faults_(std::make_unique<FaultInjector>(options_.faults, options_.seed)),
      generator_(std::make_unique<TextGenerator>(options_.seed)),
      caches_(std::make_unique<CacheStore>()),
      operations_(std::make_unique<OperationStore>()),
      tunings_(std::make_unique<TuningStore>()),
      batches_(std::make_unique<BatchStore>()),
      // Next to the state file, so files survive a restart with it.
      files_(std::make_unique<FileStore>(options_.state_file.empty() ? std::string() : options_.state_file + ".files")),
      storage_(std::make_unique<StorageStore>(
          !options_.storage_dir.empty() ? options_.storage_dir
          : options_.state_file.empty() ? std::string()
                                        : options_.state_file + ".storage")),
      live_(std::make_unique<LiveStore>()),
      // Next to the state file, as the Files API's files.
      file_search_(std::make_unique<FileSearchState>(
          options_.state_file.empty() ? std::string() : options_.state_file + ".file_search.json")) {}

ServerEnv::~ServerEnv() = default;

}  // namespace genai::emulator
