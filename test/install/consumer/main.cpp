// Uses the installed headers and library through find_package(polyallo).
#include "core/Types.h"

#include <iostream>

int main() {
  polyallo::core::ElemType t = polyallo::core::Int(8);
  std::cout << "polyallo " << POLYALLO_VERSION << ": " << t.str() << "\n";
  return 0;
}
