#!/usr/bin/env bash
# Before a native publish: can this machine link for RUNTIME_ID? Prints nothing and exits 0 when it can, or one line naming
# what to install (and the alternative) and exits 1, instead of the linker's own error, which tells a stranger nothing
# (on x86_64 without clang, ILCompiler hands gcc clang's "--target=aarch64-linux-gnu" and gcc refuses it).
# Prints the extra dotnet publish properties a cross build needs on standard output when it can.
set -euo pipefail
runtime_id=${1:?usage: check-toolchain.sh RUNTIME_ID}
case "$runtime_id" in
  linux-arm64) target=aarch64 ;;
  linux-x64) target=x86_64 ;;
  *) echo "sam build: RUNTIME_ID=$runtime_id is not one Steward builds (linux-arm64 or linux-x64)" >&2; exit 1 ;;
esac
host=$(uname -m)
[ "$host" = arm64 ] && host=aarch64

have() { command -v "$1" >/dev/null 2>&1; }
missing=()
if [ "$host" = "$target" ]; then
  # A native build: a C toolchain (clang or gcc) and zlib's headers, as the README's requirements say.
  have clang || have gcc || missing+=(clang)
  [ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
  [ ${#missing[@]} -eq 0 ] && exit 0
  echo "sam build: native AOT for $runtime_id needs ${missing[*]}: apt-get install ${missing[*]}" >&2
  exit 1
fi

# A cross build (https://learn.microsoft.com/dotnet/core/deploying/native-aot/cross-compile): clang targets the other
# architecture, lld links, and Debian's cross packages give the target's C library and GCC's runtime (crt files, libgcc),
# which clang finds under /usr/lib/gcc-cross. zlib is not needed: .NET's native AOT runtime pack carries its own libz.a.
arch_pkg=$([ "$target" = aarch64 ] && echo arm64 || echo amd64)
have clang || missing+=(clang)
have ld.lld || missing+=(lld)
[ -e "/usr/$target-linux-gnu/lib/libc.so" ] || missing+=("libc6-dev-$arch_pkg-cross")
compgen -G "/usr/lib/gcc-cross/$target-linux-gnu/*/crtendS.o" >/dev/null || missing+=("libgcc-12-dev-$arch_pkg-cross")
if [ ${#missing[@]} -gt 0 ]; then
  echo "sam build: building $runtime_id on this $host machine cross-compiles, which needs ${missing[*]}:" \
       "apt-get install ${missing[*]};" \
       "or build for this machine instead: RUNTIME_ID=linux-$([ "$host" = aarch64 ] && echo arm64 || echo x64) with Architectures: [$([ "$host" = aarch64 ] && echo arm64 || echo x86_64)] in template.yaml" >&2
  exit 1
fi
echo "-p:LinkerFlavor=lld"
