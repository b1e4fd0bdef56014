# One place for the project's warning flags, applied to our own targets only.
function(genai_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
  if(GENAI_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
