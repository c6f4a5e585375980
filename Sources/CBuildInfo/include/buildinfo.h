#ifndef TFWIZARD_BUILDINFO_H
#define TFWIZARD_BUILDINFO_H

/// The commit the binary was built from ("1a2b3c4d5e6f", "1a2b3c4d5e6f-dirty" or "unknown"),
/// or "" for a plain development build. Set through TFWIZARD_COMMIT in the environment of
/// `swift build` (scripts/release does), which Package.swift turns into a define for this file only.
const char *tfwizard_build_commit(void);

#endif
