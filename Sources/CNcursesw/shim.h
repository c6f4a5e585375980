#ifndef TFWIZARD_CNCURSESW_SHIM_H
#define TFWIZARD_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* wcwidth is not always declared under the flags Swift's importer uses. */
int wcwidth(wchar_t c);

/* Attribute macros do not import into Swift; these shims carry them across. */
static inline attr_t tfw_attr_bold(void) { return A_BOLD; }
static inline attr_t tfw_attr_reverse(void) { return A_REVERSE; }
static inline attr_t tfw_attr_dim(void) { return A_DIM; }
static inline attr_t tfw_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t tfw_attr_normal(void) { return A_NORMAL; }
static inline chtype tfw_color_pair(int n) { return COLOR_PAIR(n); }
static inline WINDOW *tfw_stdscr(void) { return stdscr; }
static inline int tfw_lines(void) { return LINES; }
static inline int tfw_cols(void) { return COLS; }
static inline int tfw_key_resize(void) { return KEY_RESIZE; }
static inline int tfw_err(void) { return ERR; }
static inline int tfw_key_code_yes(void) { return KEY_CODE_YES; }
#endif
