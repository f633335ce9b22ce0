/* Splitting command lines into words. */
#include "cms-guest/cms.h"
#include "lib/mem.h"

void upper(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 32);
}

/* Words separated by blanks; a '(' starts a word of its own (CMS options). */
int split(char *line, char **w, int max)
{
    int n = 0;
    char *p = line;
    while (*p && n < max) {
        while (*p == ' ')
            *p++ = 0;
        if (!*p)
            break;
        if (*p == '(') {
            w[n++] = "(";
            *p++ = 0;
            continue;
        }
        w[n++] = p;
        while (*p && *p != ' ' && *p != '(')
            p++;
        if (*p == '(') {
            /* keep '(' for the next round: shift is not possible in place,
             * so end this word here and emit "(" next */
            *p++ = 0;
            if (n < max)
                w[n++] = "(";
        }
    }
    for (int i = 0; i < n; i++)
        upper(w[i]);
    return n;
}

int parse_hex(const char *s, uint32_t *v)
{
    uint32_t x = 0;
    if (!*s || strlen(s) > 8)
        return -1;
    for (; *s; s++) {
        int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'A' && *s <= 'F' ? *s - 'A' + 10 :
                *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;
        if (d < 0)
            return -1;
        x = x << 4 | (uint32_t)d;
    }
    *v = x;
    return 0;
}

int parse_dec(const char *s, uint32_t *v)
{
    uint32_t x = 0;
    if (!*s || strlen(s) > 9)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        x = x * 10 + (uint32_t)(*s - '0');
    }
    *v = x;
    return 0;
}
