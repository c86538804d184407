// GitHub's cmark-gfm (Debian: libcmark-gfm-dev, libcmark-gfm-extensions-dev): the CommonMark
// parser, its node iterator, and the core extensions (tables, strikethrough, autolinks).
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
