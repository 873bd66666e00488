/**
 * The length rule for passwords, alone in its module so code that only needs the numbers (form
 * validation) does not load the zxcvbn-ts dictionaries (~800 kB) that shared/password-rules.ts does.
 * @see NIST SP 800-63B rev. 4 §3.1.1.2 (at least 8 characters; allow at least 64)
 */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;
