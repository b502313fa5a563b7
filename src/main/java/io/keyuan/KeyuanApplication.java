package io.keyuan;

import io.keyuan.cli.CommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class KeyuanApplication {
    public static void main(String[] args) {
        if (CommandLine.isCommand(args)) {
            System.exit(CommandLine.run(KeyuanApplication.class, args));
        }
        SpringApplication.run(KeyuanApplication.class, args);
    }
}
