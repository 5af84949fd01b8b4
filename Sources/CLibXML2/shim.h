#ifndef FRONTLINE_CLIBXML2_SHIM_H
#define FRONTLINE_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU and its encoding.h then includes the system ICU headers,
   which clash with the ICU that Foundation bundles. Nothing here uses ICU encoding handlers. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>

/* xmlFree is a global function pointer; Swift 6 treats it as shared mutable state. */
static inline void frontline_xml_free(void *pointer) { xmlFree(pointer); }
#endif
