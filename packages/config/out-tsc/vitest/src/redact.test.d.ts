export {};
//# sourceMappingURL=redact.test.d.ts.map