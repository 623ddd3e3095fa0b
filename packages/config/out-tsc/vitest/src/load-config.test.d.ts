export {};
//# sourceMappingURL=load-config.test.d.ts.map