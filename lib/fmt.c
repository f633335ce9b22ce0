/* A small snprintf: enough for CP messages, with no floating point. */
#include <stdint.h>
#include "lib/fmt.h"
#include "lib/mem.h"
#include "lib/divmod.h"

struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

/* n characters at once: as n calls of put. */
static void put_run(struct out *o, const char *s, size_t n)
{
    if (o->len + 1 < o->size) {
        size_t room = o->size - 1 - o->len;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

static void pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

static void emit_num(struct out *o, uint64_t v, int neg, unsigned base, int upper,
                     int width, int prec, int left, int zero)
{
    char tmp[24];
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;
    if (v || prec != 0)         /* as printf: precision 0 prints no digits for 0 */
        do {
            uint64_t d;
            if (base == 16) {   /* shifts: no division at all */
                d = v & 15;
                v >>= 4;
            } else {
                v = udivmod(v, base, &d);   /* fast under Hercules: lib/divmod.h */
            }
            tmp[n++] = digits[d];
        } while (v);
    int zeros = prec > n ? prec - n : 0;    /* padded here: tmp holds only the digits */
    int len = n + zeros + neg;
    if (prec >= 0)
        zero = 0;               /* as printf: a precision overrides the '0' flag */
    if (!left && !zero)
        pad(o, ' ', width - len);
    if (neg)
        put(o, '-');
    if (!left && zero)
        pad(o, '0', width - len);
    pad(o, '0', zeros);
    while (n)
        put(o, tmp[--n]);
    if (left)
        pad(o, ' ', width - len);
}

int vfmt(char *buf, size_t size, const char *f, va_list ap)
{
    struct out o = { buf, size, 0 };
    for (; *f; f++) {
        if (*f != '%') {
            const char *q = f;
            while (q[1] && q[1] != '%')
                q++;
            put_run(&o, f, (size_t)(q - f + 1));
            f = q;
            continue;
        }
        int left = 0, zero = 0, width = 0, prec = -1, lng = 0, shrt = 0;
        for (f++; *f == '-' || *f == '0'; f++)
            *f == '-' ? (left = 1) : (zero = 1);
        if (*f == '*') {
            width = va_arg(ap, int);
            if (width < 0)
                left = 1, width = -width;
            f++;
        } else
            for (; *f >= '0' && *f <= '9'; f++)
                width = width * 10 + (*f - '0');
        if (*f == '.') {
            prec = 0;
            if (*++f == '*') {
                prec = va_arg(ap, int);
                f++;
            } else
                for (; *f >= '0' && *f <= '9'; f++)
                    prec = prec * 10 + (*f - '0');
        }
        for (;; f++) {
            if (*f == 'l' || *f == 'z')
                lng++;
            else if (*f == 'h')
                shrt++;
            else
                break;
        }
        switch (*f) {
        case 'd':
        case 'i': {
            int64_t v = lng ? va_arg(ap, long long) : va_arg(ap, int);
            if (!lng && shrt)   /* as printf: h is a short, hh a char */
                v = shrt == 1 ? (int16_t)v : (int8_t)v;
            uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
            emit_num(&o, u, v < 0, 10, 0, width, prec, left, zero);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            uint64_t v = lng ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned);
            if (!lng && shrt)
                v = shrt == 1 ? (uint16_t)v : (uint8_t)v;
            unsigned base = *f == 'u' ? 10 : *f == 'o' ? 8 : 16;
            emit_num(&o, v, 0, base, *f == 'X', width, prec, left, zero);
            break;
        }
        case 'p':
            put(&o, '0');
            put(&o, 'x');
            emit_num(&o, (uintptr_t)va_arg(ap, void *), 0, 16, 0, 0, -1, 0, 0);
            break;
        case 'c':
            pad(&o, ' ', left ? 0 : width - 1);
            put(&o, (char)va_arg(ap, int));
            pad(&o, ' ', left ? width - 1 : 0);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            int n = 0;
            while (s[n] && (prec < 0 || n < prec))
                n++;
            if (!left)
                pad(&o, ' ', width - n);
            put_run(&o, s, (size_t)n);
            if (left)
                pad(&o, ' ', width - n);
            break;
        }
        case '%':
            put(&o, '%');
            break;
        case 0:
            f--;    /* a lone '%' at the end */
            break;
        default:
            put(&o, '%');
            put(&o, *f);
            break;
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = 0;
    return (int)o.len;
}

int fmt(char *buf, size_t size, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vfmt(buf, size, f, ap);
    va_end(ap);
    return n;
}
