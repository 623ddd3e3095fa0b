/**
 * 회원 가입 폼 검증.
 * 서버로 보내기 전에 브라우저에서 한 번, API 에서 한 번 더 같은 규칙으로 검사한다.
 */

export interface MemberSignupForm {
  name: string;
  email: string;
  phone: string;
  birthDate: string; // YYYY-MM-DD
  password: string;
  passwordConfirm: string;
}

export type FieldErrors = Partial<Record<keyof MemberSignupForm, string>>;

// 010-1234-5678, 01012345678, 011-123-4567 형식 허용
const KOREAN_MOBILE = /^01[016789]-?\d{3,4}-?\d{4}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const MIN_AGE = 14; // 만 14세 미만은 보호자 동의가 필요하다

export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 11
    ? `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`
    : `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}

export function ageOn(birthDate: Date, today: Date): number {
  let age = today.getFullYear() - birthDate.getFullYear();
  const beforeBirthday =
    today.getMonth() < birthDate.getMonth() ||
    (today.getMonth() === birthDate.getMonth() && today.getDate() < birthDate.getDate());
  if (beforeBirthday) age -= 1;
  return age;
}

export function validateSignup(form: MemberSignupForm, today: Date = new Date()): FieldErrors {
  const errors: FieldErrors = {};
  if (form.name.trim().length < 2) {
    errors.name = '이름은 2자 이상 입력해 주세요.';
  }
  if (!EMAIL.test(form.email)) {
    errors.email = '올바른 이메일 주소가 아닙니다.';
  }
  if (!KOREAN_MOBILE.test(form.phone.trim())) {
    errors.phone = '휴대폰 번호 형식이 올바르지 않습니다. (예: 010-1234-5678)';
  }
  const birth = new Date(`${form.birthDate}T00:00:00`);
  if (Number.isNaN(birth.getTime())) {
    errors.birthDate = '생년월일을 YYYY-MM-DD 형식으로 입력해 주세요.';
  } else if (ageOn(birth, today) < MIN_AGE) {
    errors.birthDate = `만 ${MIN_AGE}세 미만은 보호자 동의 후 가입할 수 있습니다.`;
  }
  const strong = form.password.length >= 10 && /[A-Za-z]/.test(form.password) && /\d/.test(form.password);
  if (!strong) {
    errors.password = '비밀번호는 영문과 숫자를 포함해 10자 이상이어야 합니다.';
  }
  if (form.password !== form.passwordConfirm) {
    errors.passwordConfirm = '비밀번호가 일치하지 않습니다.';
  }
  return errors;
}

export const isValid = (errors: FieldErrors): boolean => Object.keys(errors).length === 0;
