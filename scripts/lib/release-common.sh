# Shared by scripts/release and scripts/check-release (sourced, not run): what the release binary
# needs from the system, measured from its dynamic symbol versions, and the .deb Depends that follow.

# The oldest system the release is for: Ubuntu 22.04 ("jammy"). Its glibc, and the upstream versions of
# its libstdc++6 (GCC 12.3) and libncursesw6/libtinfo6 (ncurses 6.3). Ubuntu 24.04 has newer ones of all.
OLDEST_TARGET="Ubuntu 22.04"
OLDEST_GLIBC=2.35
OLDEST_LIBSTDCXX=12.3
OLDEST_NCURSES=6.3

# version_le A B: A <= B in Debian version order.
version_le() { dpkg --compare-versions "$1" le "$2"; }

# symbol_versions BINARY PREFIX: the distinct versions the binary asks for under PREFIX (GLIBC_, GLIBCXX_,
# CXXABI_, GCC_, NCURSESW6_, NCURSES6_TINFO_), oldest first.
symbol_versions() {
    objdump -T "$1" | grep -o "[( ]$2[0-9][0-9.]*" | sed "s/^.$2//" | sort -u -V
}

# symbol_floor BINARY PREFIX: the highest of them ("" when none).
symbol_floor() { symbol_versions "$1" "$2" | tail -n 1; }

# The GCC release that first shipped a libstdc++ symbol version (libstdc++ manual, "ABI Policy and
# Guidelines"). Major only where the version came with GCC N.1, as Debian's symbols files write it
# (Ubuntu 22.04 first shipped libstdc++6 "12-20220319": ">= 12" matches it, ">= 12.1" would not).
gcc_for_glibcxx() {
    case "$1" in
        3.4|3.4.[0-9]|3.4.1[0-9]|3.4.20) echo 4.9 ;;
        3.4.21) echo 5 ;; 3.4.22) echo 6 ;; 3.4.23) echo 7 ;; 3.4.24) echo 7.2 ;; 3.4.25) echo 8 ;;
        3.4.26) echo 9 ;; 3.4.27) echo 9.2 ;; 3.4.28) echo 9.3 ;; 3.4.29) echo 11 ;; 3.4.30) echo 12 ;;
        3.4.31) echo 13 ;; 3.4.32) echo 13.2 ;; 3.4.33) echo 14 ;; 3.4.34) echo 15 ;;
        *) return 1 ;;
    esac
}
gcc_for_cxxabi() {
    case "$1" in
        1.3|1.3.[0-8]) echo 4.9 ;;
        1.3.9) echo 5 ;; 1.3.10) echo 6 ;; 1.3.11) echo 7 ;; 1.3.12) echo 9 ;; 1.3.13) echo 11 ;;
        1.3.14) echo 13 ;; 1.3.15) echo 14 ;; 1.3.16) echo 15 ;;
        *) return 1 ;;
    esac
}

# The higher of two Debian versions ("" counts as none).
version_max() {
    if [[ -z $1 ]]; then echo "$2"; elif [[ -z $2 ]]; then echo "$1";
    elif version_le "$1" "$2"; then echo "$2"; else echo "$1"; fi
}

# libstdcxx_floor BINARY: the libstdc++6 version the binary's GLIBCXX_/CXXABI_ symbols need ("" if none).
libstdcxx_floor() {
    local glibcxx cxxabi floor=""
    glibcxx=$(symbol_floor "$1" GLIBCXX_)
    cxxabi=$(symbol_floor "$1" CXXABI_)
    if [[ -n $glibcxx ]]; then
        floor=$(gcc_for_glibcxx "$glibcxx") || { echo "no GCC release known for GLIBCXX_$glibcxx" >&2; return 1; }
    fi
    if [[ -n $cxxabi ]]; then
        local from_abi
        from_abi=$(gcc_for_cxxabi "$cxxabi") || { echo "no GCC release known for CXXABI_$cxxabi" >&2; return 1; }
        floor=$(version_max "$floor" "$from_abi")
    fi
    echo "$floor"
}

# ncurses_floor BINARY PREFIX: ncurses symbol versions are NCURSESW6_<upstream>.<date>; every one older
# than the ABI 6 packages is met by any libncursesw6/libtinfo6 ("6"), a newer one needs that upstream.
ncurses_floor() {
    local highest upstream
    highest=$(symbol_floor "$1" "$2")
    [[ -n $highest ]] || { echo 6; return; }
    upstream=$(echo "$highest" | cut -d. -f1-2)
    version_max 6 "$upstream"
}

# deb_depends BINARY: the Depends field, one entry per package behind a NEEDED library, each with the
# floor its symbol versions need. Fails on a library no known package provides.
deb_depends() {
    local binary=$1 library package floor entries=()
    local -A seen=()
    while read -r library; do
        case "$library" in
            libc.so.6|libm.so.6|libpthread.so.0|libdl.so.2|librt.so.1|libutil.so.1|ld-linux-x86-64.so.2)
                package=libc6; floor=$(symbol_floor "$binary" GLIBC_) ;;
            libstdc++.so.6) package=libstdc++6; floor=$(libstdcxx_floor "$binary") || return 1 ;;
            libgcc_s.so.1) package=libgcc-s1; floor=$(symbol_floor "$binary" GCC_) ;;
            libncursesw.so.6) package=libncursesw6; floor=$(ncurses_floor "$binary" NCURSESW6_) ;;
            libtinfo.so.6) package=libtinfo6; floor=$(ncurses_floor "$binary" NCURSES6_TINFO_) ;;
            *) echo "no Ubuntu package known for the library $library" >&2; return 1 ;;
        esac
        [[ -n ${seen[$package]:-} ]] && continue
        seen[$package]=1
        entries+=("$package${floor:+ (>= $floor)}")
    done < <(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    printf '%s\n' "${entries[@]}" | sort | paste -sd, - | sed 's/,/, /g'
}

# foreign_libraries BINARY: ldd lines for libraries that are not the system's own (/lib, /usr/lib):
# the Swift runtime, Foundation, dispatch, BlocksRuntime, anything from a toolchain, or not found.
foreign_libraries() {
    ldd "$1" | awk '
        /=>/ {
            name = $1; path = $3
            if (path == "not" || path !~ /^\/(usr\/)?lib(32|64|x32)?\// || name ~ /^lib(swift|Foundation|_Foundation|dispatch|BlocksRuntime)/) print
            next
        }
        $1 !~ /^(linux-vdso\.so|\/lib(64)?\/ld-linux)/ { print }'
}
