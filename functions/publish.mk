# How every function is built for Lambda, shared by the functions' Makefiles (sam build's "makefile" build method).
#
# sam build runs `make --makefile <function>/Makefile build-<LogicalId>` with ARTIFACTS_DIR set, in a scratch copy of the
# function's folder (or in the folder itself with --build-in-source). The copy holds the function's folder only, not the
# project's shared/ libraries, so nothing here is relative to the working directory: the project is found from the
# Makefile's own path (make's MAKEFILE_LIST names the original file), and dotnet publish reads the real sources.
#
# Each function is compiled ahead of time into one native executable, which Lambda's OS-only runtime (Runtime:
# provided.al2023) starts as `bootstrap`: no JIT and no runtime to load at a cold start (docs/performance.md has the
# figures). Native code is built for the machine that builds it: RUNTIME_ID follows the template's Architectures
# (arm64: build on an arm64 machine, as the release pipeline does; or set RUNTIME_ID=linux-x64 with Architectures:
# [x86_64]). On another machine it cross-compiles with clang and lld against Debian's multiarch C library and zlib
# (https://learn.microsoft.com/dotnet/core/deploying/native-aot/cross-compile); check-toolchain.sh says in one line what is
# missing before the linker would fail with an error that names none of it.
RUNTIME_ID ?= linux-arm64
CONFIGURATION ?= Release

# $(1): the function's folder; $(2): its project file; $(3): its assembly name (the executable dotnet publish writes).
define publish
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: run this through sam build, or set it"; exit 1; }
	cross=$$(bash "$(1)/../check-toolchain.sh" $(RUNTIME_ID)) && \
	dotnet publish "$(1)/$(2)" --configuration $(CONFIGURATION) --runtime $(RUNTIME_ID) -p:PublishAot=true $$cross \
		-p:DebugType=none -p:StripSymbols=true -p:GenerateDocumentationFile=false \
		--nologo --verbosity quiet --output "$(ARTIFACTS_DIR)"
	mv "$(ARTIFACTS_DIR)/$(3)" "$(ARTIFACTS_DIR)/bootstrap"
	rm -f "$(ARTIFACTS_DIR)"/*.dbg "$(ARTIFACTS_DIR)"/*.pdb
endef
