// Every kernel file in docs/examples loads, simulates, and matches an
// independent reference written here in plain C++ on the same inputs.
#include "codegen/Simulator.h"
#include "common/SimTesting.h"
#include "frontends/allo/Program.h"
#include "polyhedral/Model.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <functional>
#include <map>

using namespace polyallo;
using codegen::Buffer;

namespace {

/// The kernel's parameters after a simulation on seeded random inputs.
std::vector<Buffer> simulateExample(const std::string& file, std::vector<Buffer>& inputs) {
  allo::Program program = allo::load(allo::Source::fromFile(file));
  const core::Function& fn = *program.module->findFunction(program.defaultKernel());
  inputs.clear();
  uint64_t seed = 1;
  for (const auto& p : fn.params()) {
    std::vector<int64_t> shape;
    for (const auto& e : p->shape) {
      shape.push_back(codegen::evaluateExtent(e, {}));
    }
    inputs.emplace_back(p->type, shape);
    if (p->role != core::ArrayRole::Returned) {
      inputs.back().fillRandom(seed++);
    }
  }
  std::vector<Buffer> results = inputs;
  std::vector<Buffer*> pointers;
  for (Buffer& b : results) {
    pointers.push_back(&b);
  }
  poly::ModuleModel model = poly::extract(*program.module);
  codegen::Simulator(model, polyallo::testing::ubsanOptions()).run(fn.name(), {}, pointers);
  return results;
}

template <class T> std::vector<T> values(const Buffer& b) {
  std::vector<T> v(b.size());
  std::memcpy(v.data(), b.data(), b.size() * sizeof(T));
  return v;
}

template <class T> void expectEqual(const Buffer& actual, const std::vector<T>& expected) {
  ASSERT_EQ(actual.elementBytes(), sizeof(T));
  std::vector<T> got = values<T>(actual);
  ASSERT_EQ(got.size(), expected.size());
  for (size_t k = 0; k < got.size(); ++k) {
    ASSERT_EQ(got[k], expected[k]) << "element " << k;
  }
}

using Reference =
    std::function<void(const std::vector<Buffer>& in, const std::vector<Buffer>& out)>;

void gemm(const std::vector<Buffer>& in, const std::vector<Buffer>& out) {
  const int n = 32;
  auto a = values<float>(in[0]), b = values<float>(in[1]);
  std::vector<float> c(n * n, 0.0f);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      for (int k = 0; k < n; ++k) {
        c[i * n + j] = c[i * n + j] + a[i * n + k] * b[k * n + j];
      }
    }
  }
  expectEqual(out[2], c);
}

void jacobi2d(const std::vector<Buffer>& in, const std::vector<Buffer>& out) {
  const int n = 16;
  auto a = values<float>(in[0]), b = values<float>(in[1]);
  auto at = [&](std::vector<float>& m, int i, int j) -> float& { return m[i * n + j]; };
  for (int t = 0; t < 4; ++t) {
    for (int i = 1; i < n - 1; ++i) {
      for (int j = 1; j < n - 1; ++j) {
        at(b, i, j) = 0.2f * (at(a, i, j) + at(a, i, j - 1) + at(a, i, j + 1) + at(a, i + 1, j) +
                              at(a, i - 1, j));
      }
    }
    for (int i = 1; i < n - 1; ++i) {
      for (int j = 1; j < n - 1; ++j) {
        at(a, i, j) = 0.2f * (at(b, i, j) + at(b, i, j - 1) + at(b, i, j + 1) + at(b, i + 1, j) +
                              at(b, i - 1, j));
      }
    }
  }
  expectEqual(out[0], a);
  expectEqual(out[1], b);
}

void composition(const std::vector<Buffer>& in, const std::vector<Buffer>& out) {
  const int m = 8, n = 4, k = 8;
  auto x = values<int8_t>(in[0]), wa = values<int8_t>(in[1]), wb = values<int8_t>(in[2]);
  auto matmul = [](const std::vector<int8_t>& a, const std::vector<int8_t>& b, int p, int q,
                   int r) {
    std::vector<int8_t> c(p * q);
    for (int i = 0; i < p; ++i) {
      for (int j = 0; j < q; ++j) {
        int32_t acc = 0;
        for (int kk = 0; kk < r; ++kk) {
          acc += a[i * r + kk] * b[kk * q + j];
        }
        c[i * q + j] = static_cast<int8_t>(acc); // int8 wraps
      }
    }
    return c;
  };
  std::vector<int8_t> y = matmul(x, wa, m, n, k);
  expectEqual(out[3], matmul(y, wb, m, k, n));
}

void bitcount(const std::vector<Buffer>& in, const std::vector<Buffer>& out) {
  auto a = values<uint8_t>(in[0]);
  std::vector<int32_t> r(16);
  for (int i = 0; i < 16; ++i) {
    int32_t ones = __builtin_popcount(a[i]);
    r[i] = ones > 4 ? ones : ones == 0 ? -1 : i % 2 == 0 ? ones * 2 : (a[i] & 0xf);
  }
  expectEqual(out[1], r);
}

const std::map<std::string, Reference> kReferences = {
    {"gemm.py", gemm},
    {"jacobi2d.py", jacobi2d},
    {"composition.py", composition},
    {"bitcount.py", bitcount},
};

} // namespace

TEST(Examples, EveryKernelFileMatchesItsIndependentReference) {
  int checked = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(POLYALLO_SOURCE_DIR) + "/docs/examples")) {
    if (entry.path().extension() != ".py") {
      continue;
    }
    std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    auto ref = kReferences.find(name);
    ASSERT_NE(ref, kReferences.end())
        << "docs/examples/" << name << " has no reference in this test";
    std::vector<Buffer> inputs;
    std::vector<Buffer> outputs = simulateExample(entry.path().string(), inputs);
    ref->second(inputs, outputs);
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(kReferences.size()));
}
