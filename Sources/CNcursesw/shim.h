#ifndef TFWIZARD_CNCURSESW_SHIM_H
#define TFWIZARD_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <string.h>
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
static inline int tfw_key_f(int n) { return KEY_F(n); }

/* Sets the attributes and colour pair used by the following writes. */
static inline int tfw_set_style(attr_t attrs, short pair) { return attr_set(attrs, pair, NULL); }

/* Writes at most n wide characters at (y, x). */
static inline int tfw_draw(int y, int x, const wchar_t *text, int n) { return mvaddnwstr(y, x, text, n); }

/* Whether the current LC_CTYPE encodes text as UTF-8 (wide text is blank otherwise). */
static inline int tfw_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}
#endif
