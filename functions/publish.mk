# How every function is built for Lambda, shared by the functions' Makefiles (sam build's "makefile" build method).
#
# sam build runs `make --makefile <function>/Makefile build-<LogicalId>` with ARTIFACTS_DIR set, in a scratch copy of the
# function's folder (or in the folder itself with --build-in-source). The copy holds the function's folder only, not the
# project's shared/ libraries, so nothing here is relative to the working directory: the project is found from the
# Makefile's own path (make's MAKEFILE_LIST names the original file), and dotnet publish reads the real sources.
#
# Lambda runs the function on the managed .NET runtime (Runtime: dotnet10) on Graviton (Architectures: [arm64]), so the
# package is framework-dependent for linux-arm64. Change RUNTIME_ID with the template's Architectures.
RUNTIME_ID ?= linux-arm64
CONFIGURATION ?= Release

# $(1): the function's folder; $(2): its project file.
define publish
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: run this through sam build, or set it"; exit 1; }
	dotnet publish "$(1)/$(2)" --configuration $(CONFIGURATION) --runtime $(RUNTIME_ID) --self-contained false \
		-p:GenerateRuntimeConfigurationFiles=true -p:DebugType=none -p:GenerateDocumentationFile=false \
		--nologo --verbosity quiet --output "$(ARTIFACTS_DIR)"
endef
