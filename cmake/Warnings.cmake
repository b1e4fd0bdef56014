# One place for the project's warning flags, applied to our own targets only.
function(genai_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
  # -Wnull-dereference with clang only: gcc 12 at -O2 reports it inside
  # libstdc++ (std::function, unique_ptr, streambuf) for code that has no
  # null pointer, and that noise would hide real warnings in release builds.
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    target_compile_options(${target} PRIVATE -Wnull-dereference)
  endif()
  if(GENAI_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
