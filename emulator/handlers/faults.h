// Applies the fault rules of ServerEnv::faults() (common/fault_injector.h,
// which documents the spec) to one request, before it is routed.
#ifndef GENAI_EMULATOR_HANDLERS_FAULTS_H_
#define GENAI_EMULATOR_HANDLERS_FAULTS_H_

#include "emulator/handlers/http.h"

namespace genai::emulator {

class ServerEnv;

// Returns true if a fault answered `req` (its answer is in `res`). A "slow"
// fault waits and lets the request through; a "cut" fault marks it
// (Request::cut_stream) for the stream handler, which performs the cut. The
// admin API (/emulator/...) is never faulted. The frontend has read the whole
// body before this runs, so a faulted request leaves a kept-alive connection
// in step.
bool apply_faults(ServerEnv& env, Request& req, Response& res);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_FAULTS_H_
