package com.example.library.notification;

import com.example.library.domain.Loan;
import com.example.library.repository.LoanRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * 매일 아침 9시에 반납 알림 메일을 보낸다.
 * - 내일이 반납일인 회원에게는 사전 안내
 * - 이미 연체된 회원에게는 연체 안내
 */
@Component
public class OverdueReminderScheduler {

    private static final Logger log = LoggerFactory.getLogger(OverdueReminderScheduler.class);

    private final LoanRepository loanRepository;
    private final JavaMailSender mailSender;
    private final Clock clock;

    public OverdueReminderScheduler(LoanRepository loanRepository, JavaMailSender mailSender, Clock clock) {
        this.loanRepository = loanRepository;
        this.mailSender = mailSender;
        this.clock = clock;
    }

    @Scheduled(cron = "0 0 9 * * *", zone = "Asia/Seoul")
    public void sendReminders() {
        LocalDate today = LocalDate.now(clock);
        List<Loan> dueTomorrow = loanRepository.findByReturnedAtIsNullAndDueDate(today.plusDays(1));
        List<Loan> overdue = loanRepository.findByReturnedAtIsNullAndDueDateBefore(today);
        dueTomorrow.forEach(loan -> send(loan, "[도서관] 내일은 반납 예정일입니다",
                "'" + loan.getBook().getTitle() + "' 의 반납 예정일은 " + loan.getDueDate() + " 입니다."));
        overdue.forEach(loan -> send(loan, "[도서관] 연체 안내",
                "'" + loan.getBook().getTitle() + "' 이(가) " + loan.getDueDate() + " 부터 연체 중입니다. 빨리 반납해 주세요."));
        log.info("reminders sent: {} due tomorrow, {} overdue", dueTomorrow.size(), overdue.size());
    }

    private void send(Loan loan, String subject, String text) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setTo(loan.getMember().getEmail());
        message.setSubject(subject);
        message.setText(text);
        try {
            mailSender.send(message);
        } catch (RuntimeException ex) {
            // 메일 한 통 실패로 전체 배치를 멈추지 않는다
            log.warn("reminder for loan {} failed: {}", loan.getId(), ex.getMessage());
        }
    }
}
