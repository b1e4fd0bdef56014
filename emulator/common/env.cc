#include "emulator/common/env.h"

#include "emulator/backend/generator.h"
#include "emulator/common/clock.h"
#include "emulator/common/fault_injector.h"
#include "emulator/state/caches.h"
#include "emulator/state/batches.h"
#include "emulator/state/operations.h"
#include "emulator/state/state.h"

namespace genai::emulator {

ServerEnv::ServerEnv(ServerOptions options)
    : options_(std::move(options)),
      clock_(std::make_unique<Clock>()),
      state_(std::make_unique<State>()),
      faults_(std::make_unique<FaultInjector>(options_.faults, options_.seed)),
      generator_(std::make_unique<TextGenerator>(options_.seed)),
      caches_(std::make_unique<CacheStore>()),
      operations_(std::make_unique<OperationStore>()),
      batches_(std::make_unique<BatchStore>()) {}

ServerEnv::~ServerEnv() = default;

}  // namespace genai::emulator
