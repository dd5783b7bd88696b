# Imported targets for the C libraries polyallo links: polyallo::isl, polyallo::gmp,
# polyallo::ntl. Used by the project itself and installed next to polyalloConfig.cmake,
# so a consumer of the installed package gets the very same targets.
#
# isl and gmp come from pkg-config where it is available, else from find_library /
# find_path; NTL ships no pkg-config file, so it is always found by hand. Nothing fails
# here: the names of what is missing are appended to POLYALLO_MISSING_DEPENDENCIES and
# the caller decides (FATAL_ERROR in the project, polyallo_FOUND=FALSE in a consumer).
include_guard(DIRECTORY)

set(POLYALLO_MISSING_DEPENDENCIES "")
find_package(PkgConfig QUIET)

# _polyallo_wrap(<name> <pkg-config module> <library> <header>)
# Defines polyallo::<name> as an INTERFACE IMPORTED target; imported include directories
# are SYSTEM, so warnings in third-party headers never reach our -Werror builds.
function(_polyallo_wrap name module library header)
  if(TARGET polyallo::${name})
    return()
  endif()
  string(TOUPPER "POLYALLO_${name}" prefix)
  if(module AND PKG_CONFIG_FOUND)
    pkg_check_modules(${prefix} QUIET IMPORTED_TARGET ${module})
  endif()
  add_library(polyallo::${name} INTERFACE IMPORTED)
  if(${prefix}_FOUND)
    target_link_libraries(polyallo::${name} INTERFACE PkgConfig::${prefix})
    return()
  endif()
  find_library(${prefix}_LIBRARY NAMES ${library})
  find_path(${prefix}_INCLUDE_DIR NAMES ${header})
  if(${prefix}_LIBRARY AND ${prefix}_INCLUDE_DIR)
    target_link_libraries(polyallo::${name} INTERFACE "${${prefix}_LIBRARY}")
    target_include_directories(polyallo::${name} SYSTEM INTERFACE "${${prefix}_INCLUDE_DIR}")
  else()
    set(POLYALLO_MISSING_DEPENDENCIES ${POLYALLO_MISSING_DEPENDENCIES} ${name} PARENT_SCOPE)
  endif()
endfunction()

_polyallo_wrap(gmp gmp gmp gmp.h)
_polyallo_wrap(isl isl isl isl/cpp.h)
_polyallo_wrap(ntl "" ntl NTL/ZZ.h)

if(TARGET polyallo::isl)
  # isl.pc already lists -lgmp; the find_library fallback does not.
  target_link_libraries(polyallo::isl INTERFACE polyallo::gmp)
endif()
if(TARGET polyallo::ntl)
  find_package(Threads QUIET)
  if(Threads_FOUND)
    target_link_libraries(polyallo::ntl INTERFACE polyallo::gmp Threads::Threads)
  else()
    list(APPEND POLYALLO_MISSING_DEPENDENCIES Threads)
  endif()
endif()
