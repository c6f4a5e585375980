#!/bin/sh
# Builds and runs a libFuzzer target over tfwizard's own sources, without SwiftPM (the normal build
# never needs the fuzzer runtime).
#   fuzz/run.sh TARGET SECONDS [extra libFuzzer options]
#   TARGET: sanitizer (TerminalTextSanitizer + LogBuffer), matcher (Diagnoser), answers (AnswerFile)
# Example, ten minutes: fuzz/run.sh matcher 600
# Crashes are written to .build/fuzz/artifacts/TARGET/; new inputs go to .build/fuzz/corpus-TARGET
# (copy good ones into fuzz/corpus/TARGET/ to keep them).
set -eu
target=${1:?usage: fuzz/run.sh sanitizer|matcher|answers SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/.build/fuzz"
core="$root/Sources/TFWizardCore"
flags="-parse-as-library -sanitize=fuzzer,address -O -g -swift-version 6"
mkdir -p "$build/artifacts/$target"

# The YAML reader is a module of its own (TFWizardYAML), which the core and the resource embedder import.
yaml_flags="-package-name tfwizard -I $build/yaml -L $build/yaml -lTFWizardYAML"
yaml_module() {
    mkdir -p "$build/yaml"
    # shellcheck disable=SC2086
    swiftc $flags -package-name tfwizard -module-name TFWizardYAML -emit-module -emit-module-path "$build/yaml/TFWizardYAML.swiftmodule" \
        -emit-library -static -o "$build/yaml/libTFWizardYAML.a" "$root"/Sources/TFWizardYAML/*.swift
}

# The pty helpers in C (CPty), for a target that builds the whole core: a module map of our own, as
# SwiftPM makes one for the C target.
cpty_flags="-I $build/cpty $build/cpty/cpty.o -lutil"
cpty_module() {
    mkdir -p "$build/cpty"
    printf 'module CPty {\n    header "%s"\n    export *\n}\n' "$root/Sources/CPty/include/cpty.h" > "$build/cpty/module.modulemap"
    clang -O1 -g -fsanitize=fuzzer-no-link,address -I "$root/Sources/CPty/include" -c "$root/Sources/CPty/cpty.c" \
        -o "$build/cpty/cpty.o"
}

embedded_resources() {
    # The Resources/ folder as the build plugin embeds it: the files as base64, the YAML files composed, the
    # string tables and the small JSON lists as values (EmbeddedResources.swift, EmbeddedYAML.swift, ...).
    mkdir -p "$build/embedder" "$build/embedded"
    swiftc -O -package-name tfwizard -module-name TFWizardYAML -emit-module -emit-module-path "$build/embedder/TFWizardYAML.swiftmodule" \
        -emit-library -static -o "$build/embedder/libTFWizardYAML.a" "$root"/Sources/TFWizardYAML/*.swift
    swiftc -O -package-name tfwizard -I "$build/embedder" -L "$build/embedder" -lTFWizardYAML \
        "$root"/Sources/ResourceEmbedder/*.swift -o "$build/ResourceEmbedder"
    "$build/ResourceEmbedder" "$root/Resources" "$build/embedded"
}

case "$target" in
    sanitizer)
        sources="$core/Engine/TerminalTextSanitizer.swift $core/Engine/EscapeFilter.swift \
                 $core/Engine/UTF8StreamDecoder.swift $core/Engine/LogBuffer.swift $core/Journal/Redactor.swift \
                 $core/Model/Answers.swift $core/Answers/CredentialMask.swift $core/Support/*.swift"
        swiftc $flags -module-name FuzzSanitizer $sources "$root/fuzz/targets/sanitizer.swift" -o "$build/fuzz-sanitizer" ;;
    matcher)
        embedded_resources
        yaml_module
        # The catalog comes composed at build time (EmbeddedYAML.swift); its loader uses the YAML module.
        sources="$core/Diagnosis/Diagnoser.swift $core/Diagnosis/Diagnosis.swift $core/Diagnosis/ErrorCatalog.swift \
                 $core/Diagnosis/DiagnosisContext.swift \
                 $core/Diagnosis/LiteralAutomaton.swift $core/Diagnosis/FixCommands.swift $core/Engine/EscapeFilter.swift \
                 $core/Resources/ResourceStore.swift $core/Resources/Strings.swift $core/Resources/LanguageChoice.swift \
                 $core/Answers/YAMLProblem+Wording.swift $core/Model/PathExpansion.swift $core/Support/*.swift"
        # shellcheck disable=SC2086
        swiftc $flags $yaml_flags -module-name FuzzMatcher $sources "$build"/embedded/*.swift "$root/fuzz/targets/matcher.swift" \
            -o "$build/fuzz-matcher" ;;
    answers)
        embedded_resources
        yaml_module
        cpty_module
        # The answer file names its method through InstallMethods, and the methods plan with the rest of
        # the core: the whole core is built (a few minutes).
        sources=$(find "$core" -name '*.swift' | sort)
        # shellcheck disable=SC2086
        swiftc $flags $yaml_flags $cpty_flags -module-name FuzzAnswers $sources "$build"/embedded/*.swift \
            "$root/fuzz/targets/answers.swift" -o "$build/fuzz-answers" ;;
    *) echo "unknown target: $target (sanitizer, matcher, answers)" >&2; exit 2 ;;
esac

scratch="$build/corpus-$target"
mkdir -p "$scratch"
dictionary=""
[ -f "$root/fuzz/$target.dict" ] && dictionary="-dict=$root/fuzz/$target.dict"
# shellcheck disable=SC2086
exec "$build/fuzz-$target" "$scratch" "$root/fuzz/corpus/$target" -max_total_time="$seconds" \
    -max_len=65536 -rss_limit_mb=4096 -artifact_prefix="$build/artifacts/$target/" -print_final_stats=1 $dictionary "$@"
