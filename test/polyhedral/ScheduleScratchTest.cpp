#include "ScheduleTesting.h"
#include <iostream>
using namespace polyallo;
using namespace polyallo::core;
using namespace polyallo::testing;

static void show(const char* title, const std::function<void()>& f) {
  std::cout << "=== " << title << "\n";
  try { f(); } catch (const Error& e) { std::cout << "ERROR " << errorKindName(e.kind()) << ": " << e.message() << "\n"; }
}

TEST(Scratch, Explore) {
  Program p1("s", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {16});
    Array B = f.result("B", Int(32), {16});
    f.for_("i", 0, 16, [&](Expr i) { B(i) = A(i) * 3 + i; });
  });
  show("init", [&] { poly::Schedule s(p1.model, "f"); std::cout << loopNest(s); });
  show("split16/4", [&] { poly::Schedule s(p1.model, "f"); s.split("i", 4); std::cout << loopNest(s); });
  show("split0", [&] { poly::Schedule s(p1.model, "f"); s.split("i", 0); });
  show("split17", [&] { poly::Schedule s(p1.model, "f"); s.split("i", 17); });
  show("splitx", [&] { poly::Schedule s(p1.model, "f"); s.split("x", 2); });
  Program p2("s", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {12});
    Array B = f.result("B", Int(32), {12});
    f.for_("i", 0, 10, [&](Expr i) { B(i) = A(i) * 3 + i; });
    f.for_("j", 1, 11, [&](Expr i) { B(i) += A(i); });
  });
  show("split10/4", [&] { poly::Schedule s(p2.model, "f"); s.split("i", 4); std::cout << loopNest(s); });
  show("split10/4 shrink", [&] { poly::Schedule s(p2.model, "f"); s.split("i", 4, poly::Tail::Shrink); std::cout << loopNest(s); });
  show("split j 1..11 /4", [&] { poly::Schedule s(p2.model, "f"); s.split("j", 4); std::cout << loopNest(s); });
  show("split j 1..11 /5", [&] { poly::Schedule s(p2.model, "f"); s.split("j", 5); std::cout << loopNest(s); });
  Program g("g", [](Module& m) {
    Function& f = m.function("gemm");
    Array A = f.arg("A", Int(32), {8, 8});
    Array B = f.arg("B", Int(32), {8, 8});
    Array C = f.result("C", Int(32), {8, 8}, 0);
    f.grid({"i", "j", "k"}, {8, 8, 8}, [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); });
  });
  show("gemm", [&] { poly::Schedule s(g.model, "gemm"); std::cout << loopNest(s); });
  show("gemm reorder", [&] { poly::Schedule s(g.model, "gemm"); s.reorder({"k","j"}); std::cout << loopNest(s); });
  show("gemm tile", [&] { poly::Schedule s(g.model, "gemm"); s.tile("i","j",4,4); std::cout << loopNest(s); });
  show("gemm fuse", [&] { poly::Schedule s(g.model, "gemm"); s.fuse({"i","j"}); std::cout << loopNest(s); });
  show("gemm fuse ik", [&] { poly::Schedule s(g.model, "gemm"); s.fuse({"i","k"}); });
  show("gemm par k", [&] { poly::Schedule s(g.model, "gemm"); s.parallel("k"); });
  show("gemm par i", [&] { poly::Schedule s(g.model, "gemm"); s.parallel("i"); std::cout << loopNest(s); });
  show("gemm pipeline", [&] { poly::Schedule s(g.model, "gemm"); s.pipeline("j", 2).unroll("k", 4); std::cout << loopNest(s); s.split("j", 4); std::cout << loopNest(s); s.reorder({"k","j.inner"}); std::cout << loopNest(s); for (auto& st : s.steps()) std::cout << st.str() << "\n"; });
  show("gemm reorder kk", [&] { poly::Schedule s(g.model, "gemm"); s.reorder({"k","k"}); });
}
TEST(Scratch, Domain) {
  Program p1("s", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {16});
    Array B = f.result("B", Int(32), {16});
    f.for_("i", 0, 16, [&](Expr i) { B(i) = A(i) * 3 + i; });
  });
  const auto& fn = p1.model.function("f");
  std::cout << fn.schedule.get_root() << "\n";
  for (auto& site : poly::bandSites(fn.schedule)) {
    std::cout << site.domain << "\n";
    auto m = poly::bandMember(fn.schedule, site, 0);
    std::cout << m << "\n";
    isl::union_set values = m.intersect_domain(site.domain).as_union_map().range();
    std::cout << values << "\n";
    isl::set s = values.as_set();
    std::cout << s.dim_min_val(0) << " " << s.dim_max_val(0) << "\n";
  }
}
TEST(Scratch, SingleBand) {
  Program p("e", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {4, 8});
    f.grid({"i", "j"}, {4, 8}, [&](Expr i, Expr j) { A(i, j) = A(i, j) * 3 + i; });
  });
  show("fuse", [&] { poly::Schedule s(p.model, "f"); s.fuse({"i","j"}); std::cout << loopNest(s); });
  show("unroll 9", [&] { poly::Schedule s(p.model, "f"); s.unroll("j", 9); std::cout << loopNest(s); });
  show("split 9", [&] { poly::Schedule s(p.model, "f"); s.split("j", 9); std::cout << loopNest(s); });
}
TEST(Scratch, More) {
  Program sd("seidel", [](Module& m) {
    Function& f = m.function("seidel");
    Array A = f.arg("A", Int(32), {8, 8});
    f.for_("t", 0, 3, [&](Expr) {
      f.for_("i", 1, 7, [&](Expr i) {
        f.for_("j", 1, 7, [&](Expr j) {
          A(i, j) = (A(i - 1, j - 1) + A(i - 1, j) + A(i - 1, j + 1) + A(i, j - 1) + A(i, j) +
                     A(i, j + 1) + A(i + 1, j - 1) + A(i + 1, j) + A(i + 1, j + 1)) / 9;
        });
      });
    });
  });
  show("seidel", [&] { poly::Schedule s(sd.model, "seidel"); std::cout << loopNest(s); });
  show("seidel ji", [&] { poly::Schedule s(sd.model, "seidel"); s.reorder({"j","i"}); });
  show("seidel it", [&] { poly::Schedule s(sd.model, "seidel"); s.reorder({"i","t"}); });
  show("seidel par j", [&] { poly::Schedule s(sd.model, "seidel"); s.parallel("j"); });
  Program ca("ca", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {6, 6});
    Array B = f.local("B", Int(32), {6, 6});
    Array C = f.result("C", Int(32), {6, 6});
    f.grid({"i", "j"}, {6, 6}, [&](Expr i, Expr j) { B(i, j) = A(i, j) + 1; });
    f.grid({"i", "j"}, {6, 6}, [&](Expr i, Expr j) { C(i, j) = B(i, j) * 2; });
  });
  show("ca", [&] { poly::Schedule s(ca.model, "f"); std::cout << loopNest(s); });
  show("ca j", [&] { poly::Schedule s(ca.model, "f"); s.computeAt("S_i_j_0", "S_i_j_1:j"); std::cout << loopNest(s); expectSameResults(s); });
  show("ca i", [&] { poly::Schedule s(ca.model, "f"); s.computeAt("S_i_j_0:i", "S_i_j_1:i"); std::cout << loopNest(s); expectSameResults(s);});
  show("ca i", [&] { poly::Schedule s(ca.model, "f"); s.computeAt("i", "j"); });
  Program ca2("ca2", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {6, 7});
    Array B = f.local("B", Int(32), {6, 7});
    Array C = f.result("C", Int(32), {6, 6});
    f.grid({"i", "j"}, {6, 7}, [&](Expr i, Expr j) { B(i, j) = A(i, j) + 1; });
    f.grid({"x", "y"}, {6, 6}, [&](Expr i, Expr j) { C(i, j) = B(i, j + 1) * 2; });
  });
  show("ca2 j", [&] { poly::Schedule s(ca2.model, "f"); s.computeAt("i", "y"); std::cout << loopNest(s); });
  show("ca2 i", [&] { poly::Schedule s(ca2.model, "f"); s.computeAt("i", "x"); std::cout << loopNest(s); expectSameResults(s); });
  Program acc("acc", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {8, 8});
    Array B = f.result("B", Int(32), {8});
    Array acc = f.scalar("acc", Int(32), 0);
    f.for_("i", 0, 8, [&](Expr i) {
      f.for_("j", 0, 8, [&](Expr j) { acc() += A(i, j); });
      B(i) = acc();
    });
  });
  show("acc", [&] { poly::Schedule s(acc.model, "f"); std::cout << loopNest(s); });
  show("acc par i", [&] { poly::Schedule s(acc.model, "f"); s.parallel("i"); });
  show("acc par j", [&] { poly::Schedule s(acc.model, "f"); s.parallel("j"); });
  Program tri("tri", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {8, 8});
    f.for_("i", 0, 8, [&](Expr i) { f.for_("j", i, 8, [&](Expr j) { A(i, j) = A(i, j) + i * j; }); });
  });
  show("tri fuse", [&] { poly::Schedule s(tri.model, "f"); std::cout << loopNest(s); s.fuse({"i","j"}); });
  show("tri split j", [&] { poly::Schedule s(tri.model, "f"); s.split("j", 3); std::cout << loopNest(s); expectSameResults(s); });
}
TEST(Scratch, Compose) {
  Program p("c", [](Module& m) {
    Function& mm = m.function("mm");
    {
      Array A = mm.arg("A", Int(32), {4, 4});
      Array B = mm.arg("B", Int(32), {4, 4});
      Array C = mm.result("C", Int(32), {4, 4}, 0);
      mm.grid({"i", "j", "k"}, {4, 4, 4}, [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); });
    }
    Function& top = m.function("top");
    Array X = top.arg("X", Int(32), {4, 4});
    Array Y = top.arg("Y", Int(32), {4, 4});
    Array T = top.local("T", Int(32), {4, 4});
    Array Z = top.result("Z", Int(32), {4, 4});
    top.call(mm, {X, Y, T});
    top.call(mm, {T, Y, Z});
    m.setTop("top");
  });
  show("top", [&] { poly::Schedule s(p.model, "top"); std::cout << loopNest(s); });
  show("compose", [&] {
    poly::Schedule sub(p.model, "mm");
    sub.reorder({"k", "j"}).pipeline("j");
    poly::Schedule top(p.model, "top");
    top.compose(sub);
    std::cout << loopNest(top, "mm");
    for (auto& st : top.steps()) std::cout << st.str() << " fn=" << st.function << "\n";
    expectSameResults(top);
    top.dataflow("top");
    top.inlineFunction("mm");
    std::cout << top.isDataflow("top") << top.isInline("mm") << top.isInline("top") << top.isDataflow("mm") << "\n";
    std::cout << loopNest(top, "top") << loopNest(top, "mm");
    top.dataflow("mm:i");
    std::cout << loopNest(top, "mm");
    expectSameResults(top);
  });
  show("inline unknown", [&] { poly::Schedule s(p.model, "top"); s.inlineFunction("nope"); });
  show("dataflow unknown", [&] { poly::Schedule s(p.model, "top"); s.dataflow("nope"); });
  show("compose bad", [&] {
    poly::Schedule sub(p.model, "mm");
    sub.split("k", 4);
    poly::Schedule top(p.model, "top");
    top.compose(sub, "top");
  });
  show("compose bad2", [&] {
    poly::Schedule sub(p.model, "mm");
    sub.reorder({"k", "j"}).split("k", 2);
    poly::Schedule top(p.model, "top");
    top.compose(sub, "top");
  });
}
TEST(Scratch, Edge) {
  Program e("e", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {9, 9});
    Array B = f.result("B", Int(32), {9, 9});
    f.for_("i", 1, 7, [&](Expr i) { f.for_("j", 2, 9, [&](Expr j) { B(i, j) = A(i, j) * 3 + i - j; }); });
  });
  show("tile 4 3", [&] { poly::Schedule s(e.model, "f"); s.tile("i", "j", 4, 3); std::cout << loopNest(s); expectSameResults(s); });
  show("fuse lb", [&] { poly::Schedule s(e.model, "f"); s.fuse({"i", "j"}); std::cout << loopNest(s); expectSameResults(s);
     s.split("i_j_fused", 5); std::cout << loopNest(s); expectSameResults(s); });
  show("split split", [&] { poly::Schedule s(e.model, "f"); s.split("j", 4).split("j.inner", 2).reorder({"j.inner.inner","i"}); std::cout << loopNest(s); expectSameResults(s); });
  show("tile swapped", [&] { poly::Schedule s(e.model, "f"); s.tile("j", "i", 2, 2); });
  Program st("st", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {16});
    f.for_("i", 0, 16, 2, [&](Expr i) { A(i) = A(i) + 5; });
  });
  show("step split", [&] { poly::Schedule s(st.model, "f"); std::cout << loopNest(s); s.split("i", 4); std::cout << loopNest(s); expectSameResults(s); });
  show("step split 9", [&] { poly::Schedule s(st.model, "f"); s.split("i", 9); std::cout << loopNest(s); expectSameResults(s); });
  show("step unroll 9", [&] { poly::Schedule s(st.model, "f"); s.unroll("i", 9); std::cout << loopNest(s); });
  Program ca("ca", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {6, 6});
    Array B = f.local("B", Int(32), {6, 6});
    Array C = f.result("C", Int(32), {6, 6});
    f.grid({"i", "j"}, {6, 6}, [&](Expr i, Expr j) { B(i, j) = A(i, j) + 1; });
    f.grid({"i", "j"}, {6, 6}, [&](Expr i, Expr j) { C(i, j) = B(i, j) * 2; });
  });
  show("ca then", [&] { poly::Schedule s(ca.model, "f"); s.computeAt("S_i_j_0", "S_i_j_1:j"); s.split("i", 4).pipeline("j"); std::cout << loopNest(s); expectSameResults(s); });
  show("ca i then", [&] { poly::Schedule s(ca.model, "f"); s.computeAt("S_i_j_0", "S_i_j_1:i"); s.pipeline("S_i_j_0:j").unroll("S_i_j_1_inner:j", 2).split("i", 4); std::cout << loopNest(s); expectSameResults(s); });
  show("ca rev", [&] { poly::Schedule s(ca.model, "f"); s.computeAt("S_i_j_1", "S_i_j_0:j"); });
  show("ca same", [&] { poly::Schedule s(ca.model, "f"); s.computeAt("S_i_j_1", "S_i_j_1:j"); });
  show("reorder two bands", [&] { poly::Schedule s(ca.model, "f"); s.reorder({"S_i_j_0:i", "S_i_j_1:j"}); });
  show("pipeline 0", [&] { poly::Schedule s(ca.model, "f"); s.pipeline("S_i_j_0:i", 0); });
  show("unroll -1", [&] { poly::Schedule s(ca.model, "f"); s.unroll("S_i_j_0:i", -1); });
  show("pipeline rewind", [&] { poly::Schedule s(ca.model, "f"); s.pipeline("S_i_j_0:i", 1, true); std::cout << s.steps().back().str() << "\n" << loopNest(s); });
  show("split shrink str", [&] { poly::Schedule s(ca.model, "f"); s.split("S_i_j_0:i", 4, poly::Tail::Shrink); std::cout << s.steps().back().str() << "\n"; });
}
