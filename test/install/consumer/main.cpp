// A researcher's own project: builds a kernel with the installed headers,
// extracts its polyhedral model and simulates it through find_package(polyallo).
#include "codegen/Simulator.h"
#include "core/Module.h"
#include "polyhedral/Model.h"

#include <iostream>

int main() {
  using namespace polyallo::core;
  try {
    Module m("saxpy");
    Function& f = m.function("saxpy");
    Array x = f.arg("x", Int(8), {16});
    Array y = f.result("y", Int(8), {16});
    f.for_("i", 0, 16, [&](Expr i) { y(i) = x(i) * 3 + 1; });
    polyallo::poly::ModuleModel model = polyallo::poly::extract(m);
    polyallo::codegen::Buffer bx(Int(8), {16}), by(Int(8), {16});
    for (size_t i = 0; i < 16; ++i) {
      bx.setDouble(i, static_cast<double>(i) * 10.0); // 150 wraps to -106 in int8
    }
    polyallo::codegen::Simulator(model).run("saxpy", {}, {&bx, &by});
    // y[15] = int8(-106 * 3 + 1) = int8(-317) = -61
    bool ok = by.getDouble(15) == -61.0 && by.getDouble(2) == 61.0;
    std::cout << "polyallo " << POLYALLO_VERSION << ": " << model.functions().size()
              << " function, y[15] = " << by.getDouble(15) << (ok ? " (ok)" : " (WRONG)") << "\n";
    return ok ? 0 : 1;
  } catch (const polyallo::Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
