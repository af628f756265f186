/** Text as the cleaner compares it: white space runs as one space, trimmed, lower case. */
export const normaliseText = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();
