#ifndef SDGPIPE_CLIBXML2_SHIM_H
#define SDGPIPE_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, and Foundation carries its own ICU: importing both into one Swift module fails on a
// clean build ("'UErrorCode' has different definitions in different modules"). The ICU-only fields sit at the end of
// xmlCharEncodingHandler, which we never touch, so hiding them is layout-safe.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/dict.h>

// Swift 6 rejects the mutable C global `xmlFree` and cannot import the `xmlParserVersion` macro.
static inline void sdg_xml_free(void *pointer) { xmlFree(pointer); }
static inline const char *sdg_xml_parser_version(void) { return xmlParserVersion; }

#endif
